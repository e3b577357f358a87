-- A poll's refresh of its children's effective outcomes reads "an outcome as its last correction leaves it" from the
-- view kpi_corrected_outcome (V23), as the whole-table derivation does, instead of repeating the view's CASEs: one
-- definition of a corrected outcome for both. The view is inlined and the children's filter reaches kpi_outcome's
-- child index through it, so a poll's plan is the one V22's body had (compared with EXPLAIN on a million events).
CREATE OR REPLACE FUNCTION kpi_refresh_effective_outcomes(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_effective_outcome WHERE child_id IN (SELECT unnest(p_children));
INSERT INTO kpi_effective_outcome (outcome_event_id, child_id, offence_id, event_id, outcome_code, outcome_date,
                                   recorded_at, date_of_birth, sex, ethnicity, home_service, transferred,
                                   offence_date, offence_category, gravity_score)
SELECT o.outcome_event_id, o.child_id, o.offence_id, o.event_id, o.outcome_code, o.outcome_date, o.recorded_at,
       c.date_of_birth, c.sex, c.ethnicity, c.youth_justice_service, c.transferred,
       (SELECT min(f.offence_date) FROM kpi_offence f WHERE f.child_id = o.child_id AND f.offence_id = o.offence_id),
       f.offence_category, f.gravity_score
FROM kpi_corrected_outcome o
JOIN kpi_child c ON c.child_id = o.child_id
LEFT JOIN LATERAL (
    SELECT f.offence_category, f.gravity_score FROM kpi_offence f
    WHERE f.child_id = o.child_id AND f.offence_id = o.offence_id
    ORDER BY f.recorded_at DESC NULLS LAST, f.event_id DESC LIMIT 1
) f ON true
WHERE o.child_id IN (SELECT unnest(p_children));
$$;
