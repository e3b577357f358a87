-- A refresh derives its children's reoffending candidates once rather than twice: V15's body called
-- kpi_reoffending_candidates in the reoffences' CTE and again for the index rows. Now one MATERIALIZED CTE feeds both;
-- same rows, same order. Measured on the million-event database, 15 refreshes of 40 random children in a row: a
-- poll's refresh took a median 6.0-6.6 ms, against 7.1-8.3 ms before (it was the largest statement PostgreSQL ran for
-- kpi-service during an import). Over every child (kpi_derive_reoffending, a rebuild's end) one call took ~0.6 s,
-- but the whole step's 4.7-7.3 s on this machine hid the difference. Computing kpi_reoffending_proven once too (it is
-- also inside the candidates) gained nothing measurable, so the candidates stay one function.
CREATE OR REPLACE FUNCTION kpi_refresh_reoffending(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_reoffence WHERE child_id IN (SELECT unnest(p_children));
DELETE FROM kpi_reoffending_index WHERE child_id IN (SELECT unnest(p_children));
WITH candidate AS MATERIALIZED (
    SELECT * FROM kpi_reoffending_candidates(p_children)
), reoffence AS (
    INSERT INTO kpi_reoffence (version, child_id, release, index_event_id, offence_key, event_id, outcome_code,
                               outcome_date, recorded_at, date_of_birth, sex, ethnicity)
    SELECT DISTINCT ON (i.version, i.child_id, i.release, i.event_id, p.offence_key)
           i.version, i.child_id, i.release, i.event_id, p.offence_key, p.event_id, p.outcome_code, p.outcome_date,
           p.recorded_at, p.date_of_birth, p.sex, p.ethnicity
    FROM candidate i
    JOIN counting_rule r ON r.measure = 'reoffending' AND r.version = i.version
    JOIN kpi_reoffending_proven(p_children) p ON p.version = i.version AND p.child_id = i.child_id
    WHERE p.offence_date > i.index_date
      AND p.offence_date <= i.index_date
          + make_interval(months => COALESCE((r.parameters ->> 'trackingMonths')::int, 12))
      AND p.outcome_date <= i.index_date
          + make_interval(months => COALESCE((r.parameters ->> 'trackingMonths')::int, 12)
                                  + COALESCE((r.parameters ->> 'waitMonths')::int, 6))
    ORDER BY i.version, i.child_id, i.release, i.event_id, p.offence_key, p.outcome_date, p.event_id
    RETURNING version, child_id, release, index_event_id
), reoffences AS (
    SELECT version, child_id, release, index_event_id, count(*) AS reoffences
    FROM reoffence
    GROUP BY version, child_id, release, index_event_id
)
INSERT INTO kpi_reoffending_index (version, child_id, release, event_id, index_code, index_date, recorded_at,
                                   date_of_birth, sex, ethnicity, home_service, transferred, reoffences, previous_date)
SELECT i.version, i.child_id, i.release, i.event_id, i.index_code, i.index_date, i.recorded_at, i.date_of_birth,
       i.sex, i.ethnicity, i.home_service, i.transferred, COALESCE(n.reoffences, 0),
       lag(i.index_date) OVER (PARTITION BY i.version, i.child_id, i.release ORDER BY i.index_date, i.event_id)
FROM candidate i
LEFT JOIN reoffences n ON n.version = i.version AND n.child_id = i.child_id AND n.release = i.release
                      AND n.index_event_id = i.event_id
-- In the order a period reads them (V14).
ORDER BY i.version, i.release, i.home_service, i.index_date;
$$;
