-- A figure of outcomes as they stand now (OOCD outcome mix, PSR congruence, home visits after court, serious violence
-- and the other outcome proportions) counts a service-year's effective outcomes in SQL (issue 5). Through the V10
-- (home_service, outcome_date, outcome_code) index a count read nearly every page of the table (a service-year's
-- ~10,000 outcomes lie on ~3,700 of its ~4,000 pages: 35-40 ms at 1.1M events). This index carries every column such a
-- count reads, so the never-transferred children's rows (OutcomeFacts.periodOutcomes reads them apart from the
-- transferred children's, as ServiceScope.candidateRows does) are read from the index alone. It replaces V10's index,
-- which it begins with.
CREATE INDEX kpi_effective_outcome_counted ON kpi_effective_outcome (home_service, outcome_date, outcome_code)
    INCLUDE (transferred, child_id, offence_id, event_id, date_of_birth, offence_category, gravity_score);
DROP INDEX kpi_effective_outcome_service;
