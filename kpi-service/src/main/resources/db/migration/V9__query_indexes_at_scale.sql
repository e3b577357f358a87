-- Indexes for the figures at about a million events: each measure reads the period's facts through an index on
-- their business date instead of scanning the table, and per-row lookups (by child and order) stay index lookups.

-- Victim measures (KPI 10): contacts dated in the period.
CREATE INDEX kpi_victim_contact_contacted ON kpi_victim_contact (contacted_on);

-- Resettlement and reoffending v2: releases dated in the period, their admission and referrals by child and order.
CREATE INDEX kpi_custody_release_released ON kpi_custody_release (released_on);
CREATE INDEX kpi_custody_entry_child_order ON kpi_custody_entry (child_id, order_id);
CREATE INDEX kpi_resettlement_referral_child_order ON kpi_resettlement_referral (child_id, order_id);

-- Looked-after children known: only children with a looked-after answer of yes can count.
CREATE INDEX kpi_status_looked_after ON kpi_status (child_id) WHERE looked_after;
