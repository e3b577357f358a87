-- Precomputed outcome tables, so the figures as they stand now read a period's rows through one index instead of
-- resolving corrections and joining the child for every outcome at query time (issue 5: p99 at a million events).
-- Both are derived from the facts (kpi_outcome, kpi_outcome_correction, kpi_child) by kpi_refresh_outcomes, which the
-- projection calls for the children each poll touches; a rebuild empties them with the facts and the replay refills
-- them. As-of figures (the figure as it stood on a date) keep reading the facts.

-- Each outcome as it stands now: the OutcomeRecorded with its last correction (by arrival, seq) applied, under the
-- correction's event id, code, date and recorded time; with the child's registration (characteristics, the service
-- registered with, whether ever transferred) and the offence's date and latest category and gravity. Only outcomes of registered children, as the queries join kpi_child.
CREATE TABLE kpi_effective_outcome (
    outcome_event_id text PRIMARY KEY,
    child_id         text    NOT NULL,
    offence_id       text,
    event_id         text    NOT NULL,
    outcome_code     text    NOT NULL,
    outcome_date     date    NOT NULL,
    recorded_at      timestamptz,
    date_of_birth    date    NOT NULL,
    sex              text,
    ethnicity        text,
    home_service     text    NOT NULL,
    transferred      boolean NOT NULL,
    -- The earliest OffenceRecorded date of the child's offence id (null: none recorded): what reoffending dates by.
    offence_date     date,
    -- The offence as last recorded (recorded time, then event id; null: none recorded): serious violence.
    offence_category text,
    gravity_score    integer
);
CREATE INDEX kpi_effective_outcome_service ON kpi_effective_outcome (home_service, outcome_date, outcome_code);
CREATE INDEX kpi_effective_outcome_transferred ON kpi_effective_outcome (outcome_date) WHERE transferred;
CREATE INDEX kpi_effective_outcome_child ON kpi_effective_outcome (child_id, outcome_date);

-- First-time entrants: per child and version of the rule, the child's earliest effective outcome with one of that
-- version's codes (by date, then event id), whichever service recorded it. The rule's versions (counting_rule) decide
-- the codes; the age range and which service counts the child on that day are applied when the figure is asked for.
CREATE TABLE kpi_first_entry (
    measure       text    NOT NULL,
    version       integer NOT NULL,
    child_id      text    NOT NULL,
    event_id      text    NOT NULL,
    outcome_code  text    NOT NULL,
    outcome_date  date    NOT NULL,
    recorded_at   timestamptz,
    date_of_birth date    NOT NULL,
    sex           text,
    ethnicity     text,
    home_service  text    NOT NULL,
    transferred   boolean NOT NULL,
    PRIMARY KEY (measure, version, child_id)
);
CREATE INDEX kpi_first_entry_service ON kpi_first_entry (measure, version, home_service, outcome_date);
CREATE INDEX kpi_first_entry_transferred ON kpi_first_entry (measure, version, outcome_date) WHERE transferred;
CREATE INDEX kpi_first_entry_child ON kpi_first_entry (child_id);

-- The first entries of the children given, from their effective outcomes and the rule's versions as they are now.
CREATE FUNCTION kpi_refresh_first_entries(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_first_entry WHERE child_id = ANY (p_children);
INSERT INTO kpi_first_entry (measure, version, child_id, event_id, outcome_code, outcome_date, recorded_at,
                             date_of_birth, sex, ethnicity, home_service, transferred)
SELECT DISTINCT ON (r.measure, r.version, e.child_id)
       r.measure, r.version, e.child_id, e.event_id, e.outcome_code, e.outcome_date, e.recorded_at,
       e.date_of_birth, e.sex, e.ethnicity, e.home_service, e.transferred
FROM counting_rule r
JOIN kpi_effective_outcome e ON e.outcome_code = ANY (r.outcome_codes)
WHERE r.measure = 'first-time-entrants' AND e.child_id = ANY (p_children)
ORDER BY r.measure, r.version, e.child_id, e.outcome_date, e.event_id;
$$;

-- Recomputes both tables for the children given (whatever changed: an outcome, a correction, a registration, a
-- transfer, an offence): delete and derive again, so a back-dated earlier outcome or a correction of the first one is exact.
CREATE FUNCTION kpi_refresh_outcomes(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_effective_outcome WHERE child_id = ANY (p_children);
INSERT INTO kpi_effective_outcome (outcome_event_id, child_id, offence_id, event_id, outcome_code, outcome_date,
                                   recorded_at, date_of_birth, sex, ethnicity, home_service, transferred,
                                   offence_date, offence_category, gravity_score)
SELECT o.event_id, o.child_id, o.offence_id,
       CASE WHEN k.event_id IS NULL THEN o.event_id ELSE k.event_id END,
       CASE WHEN k.event_id IS NULL THEN o.outcome_code ELSE k.outcome_code END,
       CASE WHEN k.event_id IS NULL THEN o.outcome_date ELSE k.outcome_date END,
       CASE WHEN k.event_id IS NULL THEN o.recorded_at ELSE k.recorded_at END,
       c.date_of_birth, c.sex, c.ethnicity, c.youth_justice_service, c.transferred,
       (SELECT min(f.offence_date) FROM kpi_offence f WHERE f.child_id = o.child_id AND f.offence_id = o.offence_id),
       f.offence_category, f.gravity_score
FROM kpi_outcome o
JOIN kpi_child c ON c.child_id = o.child_id
LEFT JOIN LATERAL (
    SELECT f.offence_category, f.gravity_score FROM kpi_offence f
    WHERE f.child_id = o.child_id AND f.offence_id = o.offence_id
    ORDER BY f.recorded_at DESC NULLS LAST, f.event_id DESC LIMIT 1
) f ON true
LEFT JOIN LATERAL (
    SELECT k.event_id, k.outcome_code, k.outcome_date, k.recorded_at
    FROM kpi_outcome_correction k
    WHERE o.corrected AND k.root_event_id = o.event_id
    ORDER BY k.seq DESC LIMIT 1
) k ON true
WHERE o.child_id = ANY (p_children);
SELECT kpi_refresh_first_entries(p_children);
$$;

-- A version of first-time-entrants added or changed after facts were stored: its first entries for every child.
CREATE FUNCTION kpi_first_entry_rules_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM kpi_refresh_first_entries(ARRAY(SELECT DISTINCT child_id FROM kpi_effective_outcome));
    RETURN NULL;
END
$$;
CREATE TRIGGER counting_rule_first_entries AFTER INSERT OR UPDATE OR DELETE ON counting_rule
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_first_entry_rules_changed();

-- The facts already stored.
SELECT kpi_refresh_outcomes(ARRAY(SELECT child_id FROM kpi_child));
