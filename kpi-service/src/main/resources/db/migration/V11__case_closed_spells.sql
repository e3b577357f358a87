-- Caseload (open cases on a day) as it stands now without each child's change history sorted at query time (issue 5):
-- per child, each closure with the day of the child's next change (closure or reopening, by date then arrival, seq).
-- A child's latest change on or before day D is a closure exactly when one of its spells covers D
-- (closed_from <= D < closed_until, no closed_until: still closed); a closure followed by another change the same day
-- covers no day. Derived from kpi_case_change by kpi_refresh_case_state for the children each poll touches, deferred
-- during a rebuild like V10's tables and derived once at its end; as-of figures keep reading kpi_case_change.
CREATE TABLE kpi_case_closed (
    event_id     text PRIMARY KEY,
    child_id     text NOT NULL,
    closed_from  date NOT NULL,
    closed_until date
);
CREATE INDEX kpi_case_closed_child ON kpi_case_closed (child_id, closed_from);

CREATE FUNCTION kpi_refresh_case_state(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_case_closed WHERE child_id = ANY (p_children);
INSERT INTO kpi_case_closed (event_id, child_id, closed_from, closed_until)
SELECT x.event_id, x.child_id, x.changed_on, x.next_change
FROM (SELECT x.event_id, x.child_id, x.change, x.changed_on,
             lead(x.changed_on) OVER (PARTITION BY x.child_id ORDER BY x.changed_on, x.seq) AS next_change
      FROM kpi_case_change x
      WHERE x.child_id = ANY (p_children)) x
WHERE x.change = 'CLOSED';
$$;

-- The facts already stored.
SELECT kpi_refresh_case_state(ARRAY(SELECT DISTINCT child_id FROM kpi_case_change));
