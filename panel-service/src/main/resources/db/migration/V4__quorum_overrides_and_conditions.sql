-- Quorum overrides (a decision taken at a meeting that was not quorate) and the follow-up of a youth
-- conditional caution's conditions on the chair's read model. Projected by panel-read-model.

CREATE TABLE quorum_override (
    decision_id  VARCHAR(64) PRIMARY KEY,
    referral_id  VARCHAR(64) NOT NULL,
    panel_id     VARCHAR(64) NOT NULL,
    meeting_date DATE NOT NULL,
    shortfall    TEXT NOT NULL,   -- what the meeting lacked, '; '-separated
    reason       TEXT NOT NULL
);

-- RUNNING, COMPLETION_NOT_RECORDED (end date passed, nothing recorded), COMPLETED, NOT_COMPLETED
ALTER TABLE decision_view ALTER COLUMN conditions_status TYPE VARCHAR(24);
ALTER TABLE referral_view ADD COLUMN conditions_end_date DATE;
ALTER TABLE referral_view ADD COLUMN conditions_status VARCHAR(24);
CREATE INDEX referral_view_conditions ON referral_view (conditions_status);
