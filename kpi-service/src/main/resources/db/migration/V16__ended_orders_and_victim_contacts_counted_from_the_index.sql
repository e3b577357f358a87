-- A figure of YJB KPIs 1-7, 10 and the local ETE measures counts a service-year's ended orders or victims contacted in
-- SQL (issue 5) instead of loading every one (14,000+ a service-year at 1,000,000 events). Counted through the table a
-- query reads every row's page (a range of one service's rows is spread over the whole table: ~2,400 pages, ~20 ms);
-- these indexes carry every column a count reads (the child's registration, the order's kind, type and end reason, the
-- END status's answers; a victim's latest contact and answers), so a count reads the index alone (~330 pages). They
-- replace V12's (home_service, date) indexes, which they begin with.
CREATE INDEX kpi_ended_order_counted ON kpi_ended_order (home_service, end_date)
    INCLUDE (kind, order_type, end_reason, transferred, date_of_birth, status_event_id,
             accommodation_suitable, ete_school_age, ete_status, ete_suitable, send_identified_need, send_formal_plan,
             mh_need, mh_planned_or_offered, mh_attending, sm_need, sm_planned_or_offered, sm_attending,
             looked_after, child_protection_plan, child_in_need_plan, early_help);
DROP INDEX kpi_ended_order_service;

CREATE INDEX kpi_effective_victim_contact_counted ON kpi_effective_victim_contact (home_service, contacted_on)
    INCLUDE (child_id, victim_id, seq, transferred, date_of_birth, result, consented_to_contact,
             restorative_justice_offered, kept_informed, restorative_justice_participated, support_referral_made);
DROP INDEX kpi_effective_victim_contact_service;
