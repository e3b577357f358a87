-- kpi-service read model: facts taken from the integration topics. Figures are computed from these
-- facts at query time by a versioned counting rule, so a rule change needs no data migration.
-- Every table filled from the topics is emptied by a rebuild (rebuild.ReadModelReset).

-- Integration events already applied. Publishing is at-least-once: a redelivered event finds its
-- row here and changes nothing. Inserted in the same transaction as the event's facts.
CREATE TABLE processed_event (
    event_id        text        PRIMARY KEY,
    event_type      text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    processed_at    timestamptz NOT NULL DEFAULT now()
);

-- Records that could not be applied: unreadable (MALFORMED) or a contract this reader does not know
-- (UNKNOWN_CONTRACT, e.g. a newer version). Noted and skipped so the partition keeps moving.
-- Keyed by position, so a redelivery or a rebuild does not note the same record twice.
CREATE TABLE rejected_message (
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('MALFORMED', 'UNKNOWN_CONTRACT')),
    event_id        text,
    reason          text        NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);

-- One row per child; a later registration of the same child replaces the earlier one.
CREATE TABLE kpi_child (
    child_id              text PRIMARY KEY,
    youth_justice_service text NOT NULL,
    date_of_birth         date NOT NULL,
    sex                   text,
    ethnicity             text,
    local_authority       text,
    recorded_at           timestamptz
);
CREATE INDEX kpi_child_service ON kpi_child (youth_justice_service);

CREATE TABLE kpi_offence (
    event_id         text PRIMARY KEY,
    child_id         text    NOT NULL,
    offence_id       text    NOT NULL,
    offence_date     date    NOT NULL,
    offence_category text,
    gravity_score    integer,
    admitted         boolean NOT NULL,
    recorded_at      timestamptz
);
CREATE INDEX kpi_offence_child ON kpi_offence (child_id, offence_date);

-- Outcomes count by business time (outcome_date); recorded_at keeps system time for
-- "as published" comparisons when an outcome is recorded late.
CREATE TABLE kpi_outcome (
    event_id          text PRIMARY KEY,
    child_id          text NOT NULL,
    offence_id        text,
    outcome_code      text NOT NULL,
    outcome_date      date NOT NULL,
    panel_decision_id text,
    recorded_at       timestamptz
);
CREATE INDEX kpi_outcome_child ON kpi_outcome (child_id, outcome_date) INCLUDE (outcome_code);
CREATE INDEX kpi_outcome_code_date ON kpi_outcome (outcome_code, outcome_date) INCLUDE (child_id);

-- Panel decisions, kept for panel measures. Never counted as outcomes: case-service records the
-- resulting OutcomeRecorded on the child's case, and that is what the outcome measures count.
CREATE TABLE kpi_panel_decision (
    event_id      text PRIMARY KEY,
    decision_id   text NOT NULL,
    panel_id      text,
    child_id      text NOT NULL,
    offence_id    text,
    outcome_code  text NOT NULL,
    decision_date date NOT NULL,
    recorded_at   timestamptz
);
CREATE INDEX kpi_panel_decision_child ON kpi_panel_decision (child_id);
