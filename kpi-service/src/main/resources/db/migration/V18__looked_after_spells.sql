-- Looked-after children on a day (the local measure looked-after-known) as it stands now without each child's
-- status history sorted at query time (issue 5; like V11's closed spells): per StatusRecorded answering looked after,
-- the day it was assessed (else recorded, in London) until the assessment day of the child's next looked-after answer
-- (by that day, then arrival, seq). A child's latest answer on or before day D says looked after exactly when one of
-- its spells covers D (looked_after_from <= D < looked_after_until, no until: still looked after); an answer followed
-- by another the same day covers no day. With the child's registration copied in (service, whether ever transferred)
-- like V12, so a service's count reads one index range. Derived from kpi_status and kpi_child by
-- kpi_refresh_looked_after for the children each poll touches (a status, a registration, a transfer), deferred during
-- a rebuild like V10's tables and derived once at its end; as-of figures and the drill-down keep reading kpi_status.
-- Only registered children, as the listing joins kpi_child.
CREATE TABLE kpi_looked_after_spell (
    event_id           text    PRIMARY KEY,
    child_id           text    NOT NULL,
    looked_after_from  date    NOT NULL,
    looked_after_until date,
    home_service       text    NOT NULL,
    transferred        boolean NOT NULL
);
CREATE INDEX kpi_looked_after_spell_child ON kpi_looked_after_spell (child_id);
-- Covers a count: service and day range, then the end of the spell and the transferred flag from the index alone.
CREATE INDEX kpi_looked_after_spell_counted ON kpi_looked_after_spell (home_service, looked_after_from)
    INCLUDE (looked_after_until, transferred, child_id);
CREATE INDEX kpi_looked_after_spell_transferred ON kpi_looked_after_spell (looked_after_from) WHERE transferred;

CREATE FUNCTION kpi_refresh_looked_after(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_looked_after_spell WHERE child_id = ANY (p_children);
INSERT INTO kpi_looked_after_spell (event_id, child_id, looked_after_from, looked_after_until, home_service, transferred)
SELECT x.event_id, x.child_id, x.assessed, x.next_assessed, c.youth_justice_service, c.transferred
FROM (SELECT s.event_id, s.child_id, s.looked_after, a.assessed,
             lead(a.assessed) OVER (PARTITION BY s.child_id ORDER BY a.assessed, s.seq) AS next_assessed
      FROM kpi_status s
      -- The day CaseFacts.LOOKED_AFTER orders a child's answers by.
      CROSS JOIN LATERAL (SELECT COALESCE(s.assessed_on,
                                          CAST(s.recorded_at AT TIME ZONE 'Europe/London' AS date)) AS assessed) a
      -- An answer with neither day (no assessment day, no recorded time) is never a child's latest on any day.
      WHERE s.child_id = ANY (p_children) AND s.looked_after IS NOT NULL AND a.assessed IS NOT NULL) x
JOIN kpi_child c ON c.child_id = x.child_id
WHERE x.looked_after;
$$;

-- The facts already stored.
SELECT kpi_refresh_looked_after(ARRAY(SELECT child_id FROM kpi_child));
-- Filled in one statement: planned with the empty table's statistics until autovacuum looked (as V14's tables).
ANALYZE kpi_looked_after_spell;
