-- Facts for outcome corrections, reoffending, the YJB KPIs (April 2023) and local measures.
-- Like V1, every table filled from the topics is emptied by a rebuild (rebuild.ReadModelReset).

-- OutcomeCorrected: the outcome of an offence is replaced; the corrected OutcomeRecorded stays. Each
-- correction names the event it corrects; root_event_id is the OutcomeRecorded at the start of the
-- chain (a correction of a correction), so "the outcome as known before T" is the original with the
-- last of its corrections recorded before T (by arrival order, seq). A correction that arrives before
-- the outcome it corrects (never within one child's partition) keeps corrects_event_id as its root.
CREATE TABLE kpi_outcome_correction (
    event_id          text PRIMARY KEY,
    seq               bigint GENERATED ALWAYS AS IDENTITY,
    child_id          text NOT NULL,
    offence_id        text,
    corrects_event_id text NOT NULL,
    root_event_id     text NOT NULL,
    outcome_code      text NOT NULL,
    outcome_date      date NOT NULL,
    recorded_at       timestamptz
);
CREATE INDEX kpi_outcome_correction_root ON kpi_outcome_correction (root_event_id, seq);
-- Set when an outcome has a correction: queries look at corrections only for these rows, so the
-- outcome-code index still selects the rest.
ALTER TABLE kpi_outcome ADD COLUMN corrected boolean NOT NULL DEFAULT false;
CREATE INDEX kpi_outcome_corrected ON kpi_outcome (child_id) WHERE corrected;

-- Interventions and orders: one row per order, started and/or ended (an order started before the
-- service recorded events may only have an end). A second OrderEnded replaces the first.
CREATE TABLE kpi_order (
    order_id          text PRIMARY KEY,
    child_id          text NOT NULL,
    order_type        text,
    kind              text,
    offence_id        text,
    start_date        date,
    planned_end_date  date,
    start_event_id    text,
    start_recorded_at timestamptz,
    end_date          date,
    end_reason        text,
    end_event_id      text,
    end_recorded_at   timestamptz
);
CREATE INDEX kpi_order_child ON kpi_order (child_id);
CREATE INDEX kpi_order_end ON kpi_order (end_date) WHERE end_date IS NOT NULL;

-- StatusRecorded snapshots, all kept: the latest (seq) recorded before the as-of cut for an order and
-- point is the one that counts. Nested parts of the contract may be absent: null columns.
CREATE TABLE kpi_status (
    event_id                 text PRIMARY KEY,
    seq                      bigint GENERATED ALWAYS AS IDENTITY,
    child_id                 text NOT NULL,
    order_id                 text NOT NULL,
    point                    text NOT NULL,
    assessed_on              date,
    accommodation_suitable   boolean,
    accommodation_type       text,
    ete_school_age           boolean,
    ete_hours_offered        integer,
    ete_hours_attended       integer,
    ete_status               text,
    ete_suitable             boolean,
    send_identified_need     boolean,
    send_formal_plan         boolean,
    mh_need                  boolean,
    mh_planned_or_offered    boolean,
    mh_attending             boolean,
    sm_need                  boolean,
    sm_planned_or_offered    boolean,
    sm_attending             boolean,
    looked_after             boolean,
    child_protection_plan    boolean,
    child_in_need_plan       boolean,
    early_help               boolean,
    recorded_at              timestamptz
);
CREATE INDEX kpi_status_order ON kpi_status (order_id, point, seq);

-- VictimContactRecorded: what came of contacting a victim (no victim details).
CREATE TABLE kpi_victim_contact (
    event_id                    text PRIMARY KEY,
    seq                         bigint GENERATED ALWAYS AS IDENTITY,
    child_id                    text NOT NULL,
    offence_id                  text,
    victim_id                   text NOT NULL,
    contacted_on                date NOT NULL,
    result                      text,
    consented_to_contact        boolean NOT NULL,
    restorative_justice_offered boolean NOT NULL,
    recorded_at                 timestamptz
);
CREATE INDEX kpi_victim_contact_child ON kpi_victim_contact (child_id, victim_id, seq);

-- ReferredToOutOfCourtPanel: the start of panel timeliness.
CREATE TABLE kpi_oocd_referral (
    event_id      text PRIMARY KEY,
    child_id      text NOT NULL,
    offence_id    text,
    referral_date date NOT NULL,
    gravity_score integer,
    admitted      boolean NOT NULL,
    recorded_at   timestamptz
);
CREATE INDEX kpi_oocd_referral_offence ON kpi_oocd_referral (child_id, offence_id);
CREATE INDEX kpi_panel_decision_offence ON kpi_panel_decision (child_id, offence_id);

-- Rule parameters beyond outcome codes and ages (order kinds, tracking months, thresholds), as JSON the
-- measure's logic reads. Empty for the rules before V5.
ALTER TABLE counting_rule ADD COLUMN parameters jsonb NOT NULL DEFAULT '{}'::jsonb;
