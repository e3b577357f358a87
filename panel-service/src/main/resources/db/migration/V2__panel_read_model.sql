-- The chair's read models, projected from panel-service's event store by the panel-read-model
-- processor. Disposable: delete the rows and the processor's token to rebuild them from the events.

CREATE TABLE meeting_view (
    panel_id          VARCHAR(64) PRIMARY KEY,
    meeting_date      DATE NOT NULL,
    attendee_count    INTEGER,
    quorate           BOOLEAN
);

CREATE TABLE referral_view (
    referral_id           VARCHAR(64) PRIMARY KEY,
    child_id              VARCHAR(64) NOT NULL,
    offence_id            VARCHAR(64) NOT NULL,
    youth_justice_service VARCHAR(64),
    referral_date         DATE NOT NULL,
    decision_due_date     DATE NOT NULL,
    gravity_score         INTEGER,
    admitted              BOOLEAN NOT NULL,
    status                VARCHAR(16) NOT NULL,  -- AWAITING, LISTED, DECIDED, WITHDRAWN
    panel_id              VARCHAR(64),
    meeting_date          DATE,
    overdue               BOOLEAN NOT NULL DEFAULT FALSE,
    assessment_status     VARCHAR(20) NOT NULL DEFAULT 'NOT_RECEIVED', -- NOT_RECEIVED, COMPLETED, QUALITY_ASSURED
    assessment_tool       VARCHAR(40),
    decision_id           VARCHAR(64),
    outcome_code          VARCHAR(64)
);
CREATE INDEX referral_view_status ON referral_view (status, decision_due_date);

CREATE TABLE assessment_view (
    referral_id        VARCHAR(64) NOT NULL,
    assessment_id      VARCHAR(64) NOT NULL,
    tool               VARCHAR(40),
    completed_on       DATE,
    quality_assured_on DATE,
    PRIMARY KEY (referral_id, assessment_id)
);

CREATE TABLE victim_view (
    referral_id                 VARCHAR(64) NOT NULL,
    victim_id                   VARCHAR(64) NOT NULL,
    contacted_on                DATE,
    result                      VARCHAR(20) NOT NULL,
    consented_to_contact        BOOLEAN NOT NULL,
    restorative_justice_offered BOOLEAN NOT NULL,
    PRIMARY KEY (referral_id, victim_id)
);

-- Every case ever placed on a meeting's agenda, and what became of it at that meeting.
CREATE TABLE agenda_entry (
    panel_id    VARCHAR(64) NOT NULL,
    referral_id VARCHAR(64) NOT NULL,
    state       VARCHAR(16) NOT NULL,  -- LISTED, CARRIED_OVER, WITHDRAWN, DECIDED
    note        TEXT,
    PRIMARY KEY (panel_id, referral_id)
);

CREATE TABLE decision_view (
    decision_id              VARCHAR(64) PRIMARY KEY,
    referral_id              VARCHAR(64) NOT NULL,
    panel_id                 VARCHAR(64) NOT NULL,
    child_id                 VARCHAR(64) NOT NULL,
    offence_id               VARCHAR(64) NOT NULL,
    youth_justice_service    VARCHAR(64),
    decision_date            DATE NOT NULL,
    original_outcome_code    VARCHAR(64) NOT NULL,
    outcome_code             VARCHAR(64) NOT NULL,  -- as last amended
    gravity_score            INTEGER,
    assessment_override      TEXT,
    working_days             INTEGER NOT NULL,
    decided_in_time          BOOLEAN NOT NULL,
    amendments               INTEGER NOT NULL DEFAULT 0,
    conditions_end_date      DATE,
    conditions_status        VARCHAR(16)  -- RUNNING, COMPLETED, NOT_COMPLETED
);
CREATE INDEX decision_view_date ON decision_view (decision_date);

CREATE TABLE amendment_view (
    amendment_id VARCHAR(64) PRIMARY KEY,
    decision_id  VARCHAR(64) NOT NULL,
    amended_on   DATE NOT NULL,
    outcome_code VARCHAR(64) NOT NULL
);

-- Decisions (and amendments) sampled for the multi-agency scrutiny panel, with its finding.
CREATE TABLE scrutiny_sample (
    decision_id           VARCHAR(64) PRIMARY KEY,
    referral_id           VARCHAR(64) NOT NULL,
    outcome_code          VARCHAR(64) NOT NULL,
    reasons               TEXT NOT NULL,
    sampled_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    finding               VARCHAR(20),
    learning_point        TEXT,
    finding_recorded_on   DATE
);
