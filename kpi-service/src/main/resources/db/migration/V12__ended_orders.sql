-- Orders ended as they stand now, for YJB KPIs 1-7 and the local ETE measures (issue 5): each ended order with the
-- child's registration (characteristics, the service registered with, whether ever transferred) and its latest END
-- StatusRecorded (by arrival, seq; none: null status_event_id), so a period's ended orders are one index range
-- rather than a child lookup and a status lookup per order. Derived from kpi_order, kpi_status and kpi_child by
-- kpi_refresh_ended_orders for the children each poll touches (an order, a status, a registration, a transfer),
-- deferred during a rebuild like V10's tables and derived once at its end; as-of figures keep reading the facts.
-- Only orders of registered children, as the queries join kpi_child.
CREATE TABLE kpi_ended_order (
    child_id                 text    NOT NULL,
    order_id                 text    NOT NULL,
    end_event_id             text,
    order_type               text,
    kind                     text,
    end_date                 date    NOT NULL,
    end_reason               text,
    end_recorded_at          timestamptz,
    date_of_birth            date    NOT NULL,
    sex                      text,
    ethnicity                text,
    home_service             text    NOT NULL,
    transferred              boolean NOT NULL,
    status_event_id          text,
    accommodation_suitable   boolean,
    ete_school_age           boolean,
    ete_status               text,
    ete_suitable             boolean,
    send_identified_need     boolean,
    send_formal_plan         boolean,
    mh_need                  boolean,
    mh_planned_or_offered    boolean,
    mh_attending             boolean,
    sm_need                  boolean,
    sm_planned_or_offered    boolean,
    sm_attending             boolean,
    looked_after             boolean,
    child_protection_plan    boolean,
    child_in_need_plan       boolean,
    early_help               boolean,
    PRIMARY KEY (child_id, order_id)
);
CREATE INDEX kpi_ended_order_service ON kpi_ended_order (home_service, end_date);
CREATE INDEX kpi_ended_order_transferred ON kpi_ended_order (end_date) WHERE transferred;

CREATE FUNCTION kpi_refresh_ended_orders(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_ended_order WHERE child_id = ANY (p_children);
INSERT INTO kpi_ended_order
SELECT o.child_id, o.order_id, o.end_event_id, o.order_type, o.kind, o.end_date, o.end_reason, o.end_recorded_at,
       c.date_of_birth, c.sex, c.ethnicity, c.youth_justice_service, c.transferred,
       s.event_id, s.accommodation_suitable, s.ete_school_age, s.ete_status, s.ete_suitable, s.send_identified_need,
       s.send_formal_plan, s.mh_need, s.mh_planned_or_offered, s.mh_attending, s.sm_need, s.sm_planned_or_offered,
       s.sm_attending, s.looked_after, s.child_protection_plan, s.child_in_need_plan, s.early_help
FROM kpi_order o
JOIN kpi_child c ON c.child_id = o.child_id
LEFT JOIN LATERAL (
    SELECT s.* FROM kpi_status s
    WHERE s.child_id = o.child_id AND s.order_id = o.order_id AND s.point = 'END'
    ORDER BY s.seq DESC LIMIT 1
) s ON true
WHERE o.child_id = ANY (p_children) AND o.end_date IS NOT NULL;
$$;

-- Victim contacts as they stand now, for YJB KPI 10: each contact of a registered child with the child's registration
-- copied in, so a period's contacts are one index range rather than a child lookup per contact. Refreshed like
-- kpi_ended_order (a contact, a registration, a transfer touches the child); as-of figures keep reading the facts.
CREATE TABLE kpi_effective_victim_contact (
    event_id                        text PRIMARY KEY,
    seq                             bigint  NOT NULL,
    child_id                        text    NOT NULL,
    victim_id                       text    NOT NULL,
    contacted_on                    date    NOT NULL,
    result                          text,
    consented_to_contact            boolean NOT NULL,
    restorative_justice_offered     boolean NOT NULL,
    kept_informed                   boolean,
    restorative_justice_participated boolean,
    support_referral_made           boolean,
    recorded_at                     timestamptz,
    date_of_birth                   date    NOT NULL,
    sex                             text,
    ethnicity                       text,
    home_service                    text    NOT NULL,
    transferred                     boolean NOT NULL
);
CREATE INDEX kpi_effective_victim_contact_service ON kpi_effective_victim_contact (home_service, contacted_on);
CREATE INDEX kpi_effective_victim_contact_transferred ON kpi_effective_victim_contact (contacted_on) WHERE transferred;
CREATE INDEX kpi_effective_victim_contact_child ON kpi_effective_victim_contact (child_id);

CREATE FUNCTION kpi_refresh_victim_contacts(p_children text[]) RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM kpi_effective_victim_contact WHERE child_id = ANY (p_children);
INSERT INTO kpi_effective_victim_contact
SELECT v.event_id, v.seq, v.child_id, v.victim_id, v.contacted_on, v.result, v.consented_to_contact,
       v.restorative_justice_offered, v.kept_informed, v.restorative_justice_participated, v.support_referral_made,
       v.recorded_at, c.date_of_birth, c.sex, c.ethnicity, c.youth_justice_service, c.transferred
FROM kpi_victim_contact v
JOIN kpi_child c ON c.child_id = v.child_id
WHERE v.child_id = ANY (p_children);
$$;

-- The facts already stored.
SELECT kpi_refresh_ended_orders(ARRAY(SELECT child_id FROM kpi_child));
SELECT kpi_refresh_victim_contacts(ARRAY(SELECT child_id FROM kpi_child));
