-- Caseload as it stands now without joining each service's children to the closed spells (issue 5: the slowest KPI
-- query at 1M events, 73-88 ms, was this hash join of ~40,000 children with every service's ~30,000 spells). Each
-- closed spell (V11) now carries its child's registration, as V18's looked-after spells do: the service, whether ever
-- transferred, and the first day the case counts as open (its opening day, else the day it was recorded, in London;
-- null when it has neither and so counts from any day, as CaseFacts.REGISTERED_BY_DAY says). A child has at most one
-- spell covering a day, so the open cases are the children registered by then less the spells covering it, two counts
-- each read from an index alone. Only registered children have spells, as the count's children are registered ones;
-- the refresh runs for the children a poll registers or transfers too.
DROP TABLE kpi_case_closed;
CREATE TABLE kpi_case_closed (
    event_id      text    PRIMARY KEY,
    child_id      text    NOT NULL,
    closed_from   date    NOT NULL,
    closed_until  date,
    home_service  text    NOT NULL,
    transferred   boolean NOT NULL,
    counted_from  date
);
CREATE INDEX kpi_case_closed_child ON kpi_case_closed (child_id, closed_from);
-- Covers a count: service and day range, then the end of the spell, the opening day and the transferred flag.
CREATE INDEX kpi_case_closed_counted ON kpi_case_closed (home_service, closed_from)
    INCLUDE (closed_until, counted_from, transferred, child_id);
CREATE INDEX kpi_case_closed_transferred ON kpi_case_closed (closed_from) WHERE transferred;
-- Covers the other count, the children never transferred that a registration alone places in a service.
CREATE INDEX kpi_child_untransferred ON kpi_child (youth_justice_service, opened_on, recorded_at) WHERE NOT transferred;

CREATE OR REPLACE FUNCTION kpi_refresh_case_state(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_case_closed WHERE child_id IN (SELECT unnest(p_children));
INSERT INTO kpi_case_closed (event_id, child_id, closed_from, closed_until, home_service, transferred, counted_from)
SELECT x.event_id, x.child_id, x.changed_on, x.next_change, c.youth_justice_service, c.transferred,
       CASE WHEN c.opened_on IS NOT NULL THEN c.opened_on
            ELSE CAST(c.recorded_at AT TIME ZONE 'Europe/London' AS date) END
FROM (SELECT x.event_id, x.child_id, x.change, x.changed_on,
             lead(x.changed_on) OVER (PARTITION BY x.child_id ORDER BY x.changed_on, x.seq) AS next_change
      FROM kpi_case_change x
      WHERE x.child_id IN (SELECT unnest(p_children))) x
JOIN kpi_child c ON c.child_id = x.child_id
WHERE x.change = 'CLOSED';
$$;

-- The facts already stored.
SELECT kpi_refresh_case_state(ARRAY(SELECT DISTINCT child_id FROM kpi_case_change));
-- Filled in one statement: planned with the empty table's statistics until autovacuum looked (as V14's tables).
ANALYZE kpi_case_closed;
ANALYZE kpi_child;
