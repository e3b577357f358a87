-- When the referral reached panel-service: the overdue sweep leaves a referral that arrived already past its
-- due date alone for the late-referral grace (its outcome usually follows at once and closes it).
-- Null for referrals projected before this column existed: the sweep treats them as long arrived.
-- A referral closed by an outcome given outside the panel has status CLOSED (see ADR 0012).
ALTER TABLE referral_view ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;
