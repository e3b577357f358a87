-- A rebuild at 1,000,000 events did not finish kpi_derive_reoffending in 20 minutes (issue 5). The count of each candidate
-- index's reoffences was a subquery per index row, and a SQL function plans all its statements before running the
-- first: during a rebuild kpi_reoffence was empty when planned, so each of ~400,000 index rows scanned the whole table
-- (seen in the backend's stack: ExecSubPlan over SeqScan). Now the reoffences inserted are counted in the same statement
-- (a data-modifying CTE's RETURNING, grouped once) and joined to the candidates: no subquery per row, no re-reading.
-- Same rows, same columns, same order as V14's.
CREATE OR REPLACE FUNCTION kpi_refresh_reoffending(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_reoffence WHERE child_id IN (SELECT unnest(p_children));
DELETE FROM kpi_reoffending_index WHERE child_id IN (SELECT unnest(p_children));
WITH reoffence AS (
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
FROM kpi_reoffending_candidates(p_children) i
LEFT JOIN reoffences n ON n.version = i.version AND n.child_id = i.child_id AND n.release = i.release
                      AND n.index_event_id = i.event_id
-- In the order a period reads them (V14).
ORDER BY i.version, i.release, i.home_service, i.index_date;
$$;
