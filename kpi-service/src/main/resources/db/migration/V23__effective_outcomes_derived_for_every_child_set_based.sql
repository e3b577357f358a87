-- The effective outcomes of every child at once (a rebuild's end, a start after an interrupted one), computed as sets.
-- A poll's refresh (kpi_refresh_effective_outcomes, V22) looks up each outcome's offence with two index probes, right
-- for a few children; for 140,000 outcomes (a million events) those probes, and the children's array that the
-- function's generic plan takes for 10 rows, made the step 8-9 s of CPU. kpi_derive_effective_outcomes takes each
-- offence's latest recording and earliest date from one sort of the offences, joined on (child, offence), and inserts
-- by child, the order of the table's child index: 3-3.5 s on that database, the same rows (compared with EXCEPT both
-- ways; RebuildPrecomputedIT compares a rebuild's rows with those live polls left, corrections included).

-- Each outcome as its last correction leaves it (none: as recorded). The same CASEs as the per-poll refresh (V22), which
-- keeps its own body: its plan for a poll's few children is left as it was.
CREATE VIEW kpi_corrected_outcome AS
SELECT o.event_id AS outcome_event_id, o.child_id, o.offence_id,
       CASE WHEN k.event_id IS NULL THEN o.event_id ELSE k.event_id END AS event_id,
       CASE WHEN k.event_id IS NULL THEN o.outcome_code ELSE k.outcome_code END AS outcome_code,
       CASE WHEN k.event_id IS NULL THEN o.outcome_date ELSE k.outcome_date END AS outcome_date,
       CASE WHEN k.event_id IS NULL THEN o.recorded_at ELSE k.recorded_at END AS recorded_at
FROM kpi_outcome o
LEFT JOIN LATERAL (
    SELECT k.event_id, k.outcome_code, k.outcome_date, k.recorded_at
    FROM kpi_outcome_correction k
    WHERE o.corrected AND k.root_event_id = o.event_id
    ORDER BY k.seq DESC LIMIT 1
) k ON true;

CREATE FUNCTION kpi_derive_effective_outcomes() RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_effective_outcome;
INSERT INTO kpi_effective_outcome (outcome_event_id, child_id, offence_id, event_id, outcome_code, outcome_date,
                                   recorded_at, date_of_birth, sex, ethnicity, home_service, transferred,
                                   offence_date, offence_category, gravity_score)
SELECT o.*, c.date_of_birth, c.sex, c.ethnicity, c.youth_justice_service, c.transferred,
       f.offence_date, f.offence_category, f.gravity_score
FROM kpi_corrected_outcome o
JOIN kpi_child c ON c.child_id = o.child_id
LEFT JOIN (
    -- Per offence id: as last recorded (recorded time, then event id), with the earliest date any recording gave.
    SELECT DISTINCT ON (f.child_id, f.offence_id) f.child_id, f.offence_id, f.offence_category, f.gravity_score,
           min(f.offence_date) OVER (PARTITION BY f.child_id, f.offence_id) AS offence_date
    FROM kpi_offence f
    ORDER BY f.child_id, f.offence_id, f.recorded_at DESC NULLS LAST, f.event_id DESC
) f ON f.child_id = o.child_id AND f.offence_id = o.offence_id
ORDER BY o.child_id, o.outcome_date;
$$;
