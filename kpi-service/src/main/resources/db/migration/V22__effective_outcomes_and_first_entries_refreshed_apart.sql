-- kpi_refresh_outcomes (V13) split in two: the effective outcomes of the children given, then their first entries, which
-- read the effective outcomes. A derivation over every child (a rebuild's end, PrecomputedOutcomes) calls the two
-- halves itself and analyzes kpi_effective_outcome between them. Otherwise the first entries were planned with the
-- statistics of the emptied table: when autovacuum had analyzed it while a rebuild's replay ran (empty, then filled in
-- the derivation's own transaction, which autovacuum cannot see), the planner took it for one row and chose a nested
-- loop over the 115,000 children for each of its 140,000 outcomes; one rebuild at a million events was still deriving
-- after 9 minutes. A poll's refresh (a few children) calls kpi_refresh_outcomes as before.
CREATE FUNCTION kpi_refresh_effective_outcomes(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_effective_outcome WHERE child_id IN (SELECT unnest(p_children));
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
WHERE o.child_id IN (SELECT unnest(p_children));
$$;

CREATE OR REPLACE FUNCTION kpi_refresh_outcomes(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
SELECT kpi_refresh_effective_outcomes(p_children);
SELECT kpi_refresh_first_entries(p_children);
$$;
