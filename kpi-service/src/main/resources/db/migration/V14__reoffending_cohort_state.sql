-- Reoffending cohort state per child (issue 5: the reoffending figures listed every outcome of 30 months in Java,
-- ~120 ms a figure at 500k events). Per version of the rule `reoffending` and child, each event that can be a child's
-- index (an effective outcome with one of the version's codes; from v2 a release of one of its indexReleaseTypes), with
-- the reoffences it would have as the index: the child's offences committed after it and at most trackingMonths after,
-- proven by an outcome with one of the codes at most trackingMonths + waitMonths after it (one per offence: its first
-- proving outcome). Which candidate is a period's index (the child's first in the period, on a date the service counts
-- the child for) and the age range stay with the query (ReoffendingFacts, ReoffendingCohort), so a period is one index
-- range and the counts and the drill-down read the same rows. Kept like V10-V12: refreshed per poll for the children whose outcomes,
-- offences, corrections, registration, transfers or releases changed, after kpi_refresh_outcomes; deferred during a
-- rebuild and derived once at its end; as-of figures keep reading the facts.

-- A version's outcomes of the children given that can prove a reoffence or be an index: the offence key (the offence
-- id, else the outcome's own event id) and the offence's date (the earliest recorded, never later than the outcome;
-- none: the outcome's). Functions of the children rather than views: a view's UNION ALL does not take a semi-join on
-- the children into its branches, so a poll's refresh derived every child's candidates (130 ms for 200 children).
CREATE FUNCTION kpi_reoffending_proven(p_children text[])
    RETURNS TABLE (version integer, child_id text, event_id text, outcome_code text, outcome_date date,
                   recorded_at timestamptz, date_of_birth date, sex text, ethnicity text, home_service text,
                   transferred boolean, offence_key text, offence_date date)
    LANGUAGE sql STABLE AS
$$
SELECT r.version, e.child_id, e.event_id, e.outcome_code, e.outcome_date, e.recorded_at, e.date_of_birth, e.sex,
       e.ethnicity, e.home_service, e.transferred,
       COALESCE(e.offence_id, e.event_id),
       CASE WHEN e.offence_date IS NULL OR e.offence_date > e.outcome_date THEN e.outcome_date ELSE e.offence_date END
FROM counting_rule r
JOIN kpi_effective_outcome e ON e.outcome_code = ANY (r.outcome_codes)
WHERE r.measure = 'reoffending' AND e.child_id IN (SELECT unnest(p_children));
$$;

-- Every event of the children given that can be an index: those outcomes, and the releases of the types a version names.
CREATE FUNCTION kpi_reoffending_candidates(p_children text[])
    RETURNS TABLE (version integer, child_id text, release boolean, event_id text, index_code text, index_date date,
                   recorded_at timestamptz, date_of_birth date, sex text, ethnicity text, home_service text,
                   transferred boolean)
    LANGUAGE sql STABLE AS
$$
SELECT p.version, p.child_id, false, p.event_id, p.outcome_code, p.outcome_date, p.recorded_at, p.date_of_birth, p.sex,
       p.ethnicity, p.home_service, p.transferred
FROM kpi_reoffending_proven(p_children) p
UNION ALL
SELECT r.version, x.child_id, true, x.event_id, x.release_type, x.released_on, x.recorded_at, c.date_of_birth, c.sex,
       c.ethnicity, c.youth_justice_service, c.transferred
FROM counting_rule r
JOIN kpi_custody_release x ON x.release_type IN (SELECT jsonb_array_elements_text(r.parameters -> 'indexReleaseTypes'))
JOIN kpi_child c ON c.child_id = x.child_id
WHERE r.measure = 'reoffending' AND x.child_id IN (SELECT unnest(p_children));
$$;

CREATE TABLE kpi_reoffending_index (
    version       integer NOT NULL,
    child_id      text    NOT NULL,
    release       boolean NOT NULL,
    event_id      text    NOT NULL,
    index_code    text,
    index_date    date    NOT NULL,
    recorded_at   timestamptz,
    date_of_birth date    NOT NULL,
    sex           text,
    ethnicity     text,
    home_service  text    NOT NULL,
    transferred   boolean NOT NULL,
    reoffences    integer NOT NULL,
    -- The date of the child's previous candidate of the same kind (by date, then event id); null for the first. The
    -- child's first outcome in a period is the one in it whose previous is before it: no sort per child at query time.
    previous_date date,
    PRIMARY KEY (version, child_id, release, event_id)
);
CREATE INDEX kpi_reoffending_index_service ON kpi_reoffending_index (version, release, home_service, index_date);
CREATE INDEX kpi_reoffending_index_transferred ON kpi_reoffending_index (version, release, index_date)
    WHERE transferred;
CREATE INDEX kpi_reoffending_index_child ON kpi_reoffending_index (child_id);

-- The reoffences of each candidate index: the proving outcome of each offence (what the drill-down lists).
CREATE TABLE kpi_reoffence (
    version        integer NOT NULL,
    child_id       text    NOT NULL,
    release        boolean NOT NULL,
    index_event_id text    NOT NULL,
    offence_key    text    NOT NULL,
    event_id       text    NOT NULL,
    outcome_code   text    NOT NULL,
    outcome_date   date    NOT NULL,
    recorded_at    timestamptz,
    date_of_birth  date    NOT NULL,
    sex            text,
    ethnicity      text,
    PRIMARY KEY (version, child_id, release, index_event_id, offence_key)
);
CREATE INDEX kpi_reoffence_child ON kpi_reoffence (child_id);

-- Both tables derived again for the children given (their effective outcomes already refreshed).
CREATE FUNCTION kpi_refresh_reoffending(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_reoffence WHERE child_id IN (SELECT unnest(p_children));
DELETE FROM kpi_reoffending_index WHERE child_id IN (SELECT unnest(p_children));
INSERT INTO kpi_reoffence (version, child_id, release, index_event_id, offence_key, event_id, outcome_code,
                           outcome_date, recorded_at, date_of_birth, sex, ethnicity)
SELECT DISTINCT ON (i.version, i.child_id, i.release, i.event_id, p.offence_key)
       i.version, i.child_id, i.release, i.event_id, p.offence_key, p.event_id, p.outcome_code, p.outcome_date,
       p.recorded_at, p.date_of_birth, p.sex, p.ethnicity
FROM kpi_reoffending_candidates(p_children) i
JOIN counting_rule r ON r.measure = 'reoffending' AND r.version = i.version
JOIN kpi_reoffending_proven(p_children) p ON p.version = i.version AND p.child_id = i.child_id
WHERE p.offence_date > i.index_date
  AND p.offence_date <= i.index_date
      + make_interval(months => COALESCE((r.parameters ->> 'trackingMonths')::int, 12))
  AND p.outcome_date <= i.index_date
      + make_interval(months => COALESCE((r.parameters ->> 'trackingMonths')::int, 12)
                              + COALESCE((r.parameters ->> 'waitMonths')::int, 6))
ORDER BY i.version, i.child_id, i.release, i.event_id, p.offence_key, p.outcome_date, p.event_id;
INSERT INTO kpi_reoffending_index (version, child_id, release, event_id, index_code, index_date, recorded_at,
                                   date_of_birth, sex, ethnicity, home_service, transferred, reoffences, previous_date)
SELECT i.version, i.child_id, i.release, i.event_id, i.index_code, i.index_date, i.recorded_at, i.date_of_birth,
       i.sex, i.ethnicity, i.home_service, i.transferred,
       (SELECT count(*) FROM kpi_reoffence f
        WHERE f.version = i.version AND f.child_id = i.child_id AND f.release = i.release
          AND f.index_event_id = i.event_id),
       lag(i.index_date) OVER (PARTITION BY i.version, i.child_id, i.release ORDER BY i.index_date, i.event_id)
FROM kpi_reoffending_candidates(p_children) i
-- In the order a period reads them: derived for every child (a rebuild's end) a period's rows share pages (at 500k
-- events a year's cohort read 1,400 heap pages stored by child, about 100 this way).
ORDER BY i.version, i.release, i.home_service, i.index_date;
$$;

-- Both tables derived for every child (a rebuild's end, a rule change, this migration). The children's set is
-- estimated at 10 rows whatever its size: planned with nested loops, every child's candidates and proofs were joined
-- row by row (113 s at 500k events); with hash joins 6 s. A poll's few children keep the nested loops (index probes).
CREATE FUNCTION kpi_derive_reoffending() RETURNS void
    LANGUAGE sql SET enable_nestloop = off AS
$$
SELECT kpi_refresh_reoffending(ARRAY(SELECT child_id FROM kpi_child));
$$;

-- A version of reoffending added or changed after facts were stored: derived again for every child.
CREATE FUNCTION kpi_reoffending_rules_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM kpi_derive_reoffending();
    RETURN NULL;
END
$$;
CREATE TRIGGER counting_rule_reoffending AFTER INSERT OR UPDATE OR DELETE ON counting_rule
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_reoffending_rules_changed();

-- The facts already stored.
SELECT kpi_derive_reoffending();
-- Statistics now: planned as empty tables (before autovacuum's first look), a period's cohort took seconds.
ANALYZE kpi_reoffending_index, kpi_reoffence;
