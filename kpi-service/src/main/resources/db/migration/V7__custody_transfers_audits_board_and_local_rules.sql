-- Facts of the contracts added for the full KPI catalogue, the reference data analysts and admins enter
-- (board meetings, looked-after children counts, practitioner FTE), who a child counts for after a
-- transfer, and the counting rules of the new measures. Every kpi_* table filled from the topics is
-- emptied by a rebuild (rebuild.ReadModelReset); board meetings and reference figures are not.

-- VictimContactRecorded v2: null = not recorded (a v1 message never asked), kept apart from false.
ALTER TABLE kpi_victim_contact ADD COLUMN kept_informed boolean;
ALTER TABLE kpi_victim_contact ADD COLUMN restorative_justice_participated boolean;
ALTER TABLE kpi_victim_contact ADD COLUMN support_referral_made boolean;

CREATE TABLE kpi_custody_entry (
    event_id              text PRIMARY KEY,
    child_id              text NOT NULL,
    order_id              text NOT NULL,
    establishment_type    text,
    admitted_on           date NOT NULL,
    expected_release_date date,
    recorded_at           timestamptz
);
CREATE INDEX kpi_custody_entry_order ON kpi_custody_entry (order_id);

CREATE TABLE kpi_custody_release (
    event_id     text PRIMARY KEY,
    child_id     text NOT NULL,
    order_id     text,
    released_on  date NOT NULL,
    release_type text,
    recorded_at  timestamptz
);
CREATE INDEX kpi_custody_release_child ON kpi_custody_release (child_id, released_on);

CREATE TABLE kpi_resettlement_referral (
    event_id              text PRIMARY KEY,
    child_id              text NOT NULL,
    order_id              text NOT NULL,
    referred_on           date NOT NULL,
    expected_release_date date,
    recorded_at           timestamptz
);
CREATE INDEX kpi_resettlement_referral_order ON kpi_resettlement_referral (order_id);

-- CaseTransferred, recorded by youth_justice_service (the envelope's service). Who a child counts for on a
-- day: see kpi_responsible below.
CREATE TABLE kpi_transfer (
    event_id              text PRIMARY KEY,
    seq                   bigint GENERATED ALWAYS AS IDENTITY,
    child_id              text NOT NULL,
    youth_justice_service text NOT NULL,
    direction             text NOT NULL,
    other_service         text,
    arrangement           text,
    transferred_on        date NOT NULL,
    recorded_at           timestamptz
);
CREATE INDEX kpi_transfer_child ON kpi_transfer (child_id, youth_justice_service, transferred_on);
-- Set once a child has a transfer: only those children need kpi_responsible's lookup.
ALTER TABLE kpi_child ADD COLUMN transferred boolean NOT NULL DEFAULT false;
CREATE INDEX kpi_child_transferred ON kpi_child (child_id) WHERE transferred;

-- CaseClosed / CaseReopened: the latest change on or before a day says whether the case was open.
CREATE TABLE kpi_case_change (
    event_id     text PRIMARY KEY,
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    child_id     text NOT NULL,
    change       text NOT NULL CHECK (change IN ('CLOSED', 'REOPENED')),
    changed_on   date NOT NULL,
    closure_code text,
    recorded_at  timestamptz
);
CREATE INDEX kpi_case_change_child ON kpi_case_change (child_id, changed_on, seq);

CREATE TABLE kpi_case_audit (
    event_id    text PRIMARY KEY,
    child_id    text NOT NULL,
    audit_id    text,
    subject     text NOT NULL,
    offence_id  text,
    audited_on  date NOT NULL,
    rating      text,
    recorded_at timestamptz
);
CREATE INDEX kpi_case_audit_subject ON kpi_case_audit (subject, audited_on);

CREATE TABLE kpi_arrest (
    event_id                text PRIMARY KEY,
    child_id                text NOT NULL,
    arrest_id               text,
    arrested_at             timestamptz,
    worker_allocated_at     timestamptz,
    held_overnight          boolean NOT NULL,
    pace_transfer_requested boolean NOT NULL,
    pace_transfer_provided  boolean NOT NULL,
    result                  text,
    recorded_at             timestamptz
);

CREATE TABLE kpi_prevention_referral (
    event_id    text PRIMARY KEY,
    child_id    text NOT NULL,
    referral_id text,
    referred_on date NOT NULL,
    source      text,
    consent     text,
    recorded_at timestamptz
);

CREATE TABLE kpi_psr (
    event_id              text PRIMARY KEY,
    child_id              text NOT NULL,
    offence_id            text,
    requested_on          date,
    submitted_on          date NOT NULL,
    proposed_outcome_code text,
    quality_assured       boolean NOT NULL,
    recorded_at           timestamptz
);
CREATE INDEX kpi_psr_offence ON kpi_psr (child_id, offence_id);

-- RemandRecorded: a remand begins (endDate null) and later ends (same remandId); the latest row counts.
CREATE TABLE kpi_remand (
    event_id    text PRIMARY KEY,
    seq         bigint GENERATED ALWAYS AS IDENTITY,
    child_id    text NOT NULL,
    remand_id   text NOT NULL,
    offence_id  text,
    remand_type text,
    start_date  date NOT NULL,
    end_date    date,
    recorded_at timestamptz
);
CREATE INDEX kpi_remand_remand ON kpi_remand (remand_id, seq);

CREATE TABLE kpi_home_visit (
    event_id    text PRIMARY KEY,
    child_id    text NOT NULL,
    offence_id  text,
    visited_at  timestamptz NOT NULL,
    recorded_at timestamptz
);
CREATE INDEX kpi_home_visit_child ON kpi_home_visit (child_id, offence_id);

CREATE TABLE kpi_assessment (
    event_id           text PRIMARY KEY,
    child_id           text NOT NULL,
    assessment_id      text,
    offence_id         text,
    tool               text,
    completed_on       date NOT NULL,
    quality_assured_on date,
    recorded_at        timestamptz
);

-- PanelDecisionAmended and YouthConditionalCautionNotCompleted (panel-service): kept as facts; no measure reads
-- them yet (the amended outcome reaches the case as OutcomeCorrected, which the outcome measures count).
CREATE TABLE kpi_panel_amendment (
    event_id     text PRIMARY KEY,
    amendment_id text,
    decision_id  text NOT NULL,
    panel_id     text,
    child_id     text NOT NULL,
    offence_id   text,
    outcome_code text NOT NULL,
    amended_on   date NOT NULL,
    recorded_at  timestamptz
);
CREATE TABLE kpi_ycc_not_completed (
    event_id            text PRIMARY KEY,
    decision_id         text,
    child_id            text NOT NULL,
    offence_id          text,
    conditions_end_date date,
    recorded_on         date NOT NULL,
    recorded_at         timestamptz
);

-- Whether a child counts for one of the services on a day, as known before the cut. Without transfers: the
-- service the child is registered with. With: per service, its latest TRANSFER (not CARETAKING: the case
-- stays) on or before the day decides, IN counts from its date and OUT stops counting from its date;
-- a service with no transfer of the child on or before the day counts the child if registered with it.
CREATE FUNCTION kpi_responsible(p_child text, p_home text, p_transferred boolean, p_services text[], p_on date,
                                p_cut timestamptz) RETURNS boolean
    LANGUAGE sql STABLE AS
$$
SELECT CASE WHEN NOT p_transferred THEN p_home = ANY (p_services)
            ELSE EXISTS (
                SELECT 1 FROM unnest(p_services) s(service)
                WHERE COALESCE((SELECT t.direction = 'IN' FROM kpi_transfer t
                                WHERE t.child_id = p_child AND t.youth_justice_service = s.service
                                  AND coalesce(t.arrangement, 'TRANSFER') = 'TRANSFER' AND t.transferred_on <= p_on
                                  AND (t.recorded_at IS NULL OR t.recorded_at < p_cut)
                                ORDER BY t.transferred_on DESC, t.seq DESC LIMIT 1),
                               p_home = s.service)) END
$$;

-- KPI 8: management board meetings and which statutory partners attended, entered by an analyst or admin.
CREATE TABLE board_meeting (
    meeting_id            uuid PRIMARY KEY,
    youth_justice_service text NOT NULL,
    held_on               date NOT NULL,
    entered_by            text NOT NULL,
    entered_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (youth_justice_service, held_on)
);
CREATE TABLE board_meeting_partner (
    meeting_id uuid    NOT NULL REFERENCES board_meeting ON DELETE CASCADE,
    partner    text    NOT NULL,
    attended   boolean NOT NULL,
    PRIMARY KEY (meeting_id, partner)
);

-- Service-level figures an admin enters for a date range: LOOKED_AFTER_CHILDREN (the local authority's
-- children looked after) and PRACTITIONER_FTE. A figure uses the row whose range holds the period's last day.
CREATE TABLE service_reference_figure (
    kind                  text    NOT NULL CHECK (kind IN ('LOOKED_AFTER_CHILDREN', 'PRACTITIONER_FTE')),
    youth_justice_service text    NOT NULL,
    valid_from            date    NOT NULL,
    valid_to              date    NOT NULL,
    value                 numeric NOT NULL CHECK (value >= 0),
    source                text,
    entered_by            text    NOT NULL,
    entered_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, youth_justice_service, valid_from),
    CHECK (valid_to >= valid_from)
);

-- Reoffending v2 (BRIEF section 4): releases from custody join the cohort. v1 stays for the cohorts published
-- under it (periods ending before April 2023) and for ruleVersion=1.
UPDATE counting_rule SET effective_to = DATE '2023-03-31' WHERE measure = 'reoffending' AND version = 1
                                                            AND effective_to IS NULL;

INSERT INTO counting_rule (measure, version, title, effective_from, effective_to, outcome_codes, min_age, max_age,
                           definition, parameters)
VALUES
('reoffending', 2, 'Proven reoffending of a cohort including children released from custody',
 DATE '2023-04-01', NULL,
 ARRAY['YOUTH_CAUTION', 'YOUTH_CONDITIONAL_CAUTION', 'REFERRAL_ORDER', 'YOUTH_REHABILITATION_ORDER',
       'DETENTION_AND_TRAINING_ORDER', 'SECTION_250_DETENTION', 'SECTION_259_DETENTION',
       'CONDITIONAL_DISCHARGE', 'ABSOLUTE_DISCHARGE', 'FINE'],
 10, 17,
 'As v1, and a release from custody (ReleasedFromCustody of releaseType in indexReleaseTypes: LICENCE or '
     || 'END_OF_SENTENCE, not the end of a remand) dated in the cohort period is also an index event: the index is the '
     || 'child''s earliest caution, conditional caution, court disposal or release in the period; the age range applies '
     || 'on that date; reoffences are offences committed after it and within trackingMonths, proven within '
     || 'trackingMonths + waitMonths.',
 '{"trackingMonths": 12, "waitMonths": 6, "indexReleaseTypes": ["LICENCE", "END_OF_SENTENCE"]}'),

('yjb-kpi-8-board-attendance', 1, 'YJB KPI 8: management board attendance of statutory partners (interpretation)',
 DATE '2023-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'INTERPRETATION (only the name is confirmed publicly): every management board meeting held in the period '
     || '(entered at POST /kpi/admin/board-meetings) expects each of the statutory partners in partners; a unit is one '
     || 'partner''s expected attendance at one meeting. Figure: attendances / expected attendances (%); '
     || 'breakdown?by=partner gives each partner''s own share. Deputies count as attending (the meeting record says so).',
 '{"partners": ["CHILDRENS_SOCIAL_CARE", "EDUCATION", "HEALTH", "POLICE", "PROBATION"]}'),

('yjb-kpi-9-serious-violence', 1, 'YJB KPI 9: children with a proven serious violence offence per 10,000 (interpretation)',
 DATE '2023-04-01', NULL,
 ARRAY['YOUTH_CAUTION', 'YOUTH_CONDITIONAL_CAUTION', 'REFERRAL_ORDER', 'YOUTH_REHABILITATION_ORDER',
       'DETENTION_AND_TRAINING_ORDER', 'SECTION_250_DETENTION', 'SECTION_259_DETENTION',
       'CONDITIONAL_DISCHARGE', 'ABSOLUTE_DISCHARGE', 'FINE'],
 10, 17,
 'INTERPRETATION (only the name is confirmed publicly): children aged 10-17 on the outcome date with a proven outcome '
     || '(these codes) dated in the period for an offence whose category is in offenceCategories (drugs, robbery, '
     || 'violence against the person) and whose gravity score is at least minGravityScore (5), counted once per '
     || 'child (the first such outcome in the period), per 10,000 of the 10-17 population (the YJB publishes this '
     || 'KPI per 10,000; first-time entrants stay per 100,000). An offence without a gravity score does not count.',
 '{"offenceCategories": ["DRUGS", "ROBBERY", "VIOLENCE_AGAINST_THE_PERSON"], "minGravityScore": 5}'),

('yjb-kpi-10-victims', 2, 'YJB KPI 10: victims, with kept informed, restorative justice and support (interpretation)',
 DATE '2023-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'INTERPRETATION (wording not confirmed publicly): as v1, plus from VictimContactRecorded v2: -kept-informed, '
     || '-rj-participated and -support-referral, each of the victims contacted in the period (by their last contact '
     || 'in it) whose last contact recorded that answer. A v1 message (or a v2 one leaving it empty) has the answer '
     || 'not recorded: that victim is out of that question''s denominator, not counted as "no". Under v1 these '
     || 'three questions were not asked: 0 of 0.',
 '{"questions": ["consented", "views-sought", "rj-offered", "kept-informed", "rj-participated", "support-referral"]}'),

('remands', 1, 'Remands per 1,000 of the 10-17 population (the count is the numerator)', DATE '1998-04-01', NULL,
 ARRAY[]::text[], 10, 17,
 'Remands (RemandRecorded, by remandId; either type: local authority or youth detention accommodation) that began '
     || 'in the period, of children aged 10-17 on the first day of the remand; one per remand. The numerator is the '
     || 'count the seeds report; the rate puts it per 1,000 of the 10-17 population.',
 '{"remandTypes": ["LOCAL_AUTHORITY_ACCOMMODATION", "YOUTH_DETENTION_ACCOMMODATION"]}'),

('remands-not-sentenced-to-custody', 1, 'Remanded children not then sentenced to custody', DATE '1998-04-01', NULL,
 ARRAY['DETENTION_AND_TRAINING_ORDER', 'SECTION_250_DETENTION', 'SECTION_259_DETENTION'], NULL, NULL,
 'Remands that ended in the period (the latest RemandRecorded of the remand has an endDate in it), counted when '
     || 'no custodial outcome (these codes) for the remand''s offence (any offence when the remand names none) is dated '
     || 'on or after the remand''s start and within waitDays (28) after its end, as known when asked.',
 '{"waitDays": 28}'),

('home-visit-after-court', 1, 'Home visit within 24 hours of a court outcome', DATE '1998-04-01', NULL,
 ARRAY['REFERRAL_ORDER', 'YOUTH_REHABILITATION_ORDER', 'DETENTION_AND_TRAINING_ORDER', 'SECTION_250_DETENTION',
       'SECTION_259_DETENTION'], NULL, NULL,
 'Court outcomes that start supervision (these codes) dated in the period, counted when a HomeVisitRecorded for '
     || 'the child and offence was made on the outcome day or the next (Europe/London). Outcomes carry a day, '
     || 'not a time, so "within 24 hours" is read as by the end of the day after the court day.',
 '{"withinDays": 1, "zone": "Europe/London"}'),

('resettlement-accommodation-referral', 1, 'Accommodation referral at least 3 months before release', DATE '1998-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'Releases from custody (releaseType in releaseTypes) dated in the period, counted when a '
     || 'ResettlementAccommodationReferralMade for the same order was made at least monthsBefore (3) months before '
     || 'the expected release date (the CustodyEntered''s, else the referral''s, else the release date itself).',
 '{"monthsBefore": 3, "releaseTypes": ["LICENCE", "END_OF_SENTENCE"]}'),

('psr-quality', 1, 'Pre-sentence reports rated good or outstanding', DATE '1998-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'CaseAuditRecorded of subject PRE_SENTENCE_REPORT dated in the period, counted when rated in goodRatings '
     || '(GOOD, OUTSTANDING). Timeliness and quality are judged by the same audit.',
 '{"subjects": ["PRE_SENTENCE_REPORT"], "goodRatings": ["GOOD", "OUTSTANDING"]}'),

('psr-congruence', 1, 'Pre-sentence report proposals congruent with the sentence', DATE '1998-04-01', NULL,
 ARRAY['ABSOLUTE_DISCHARGE', 'CONDITIONAL_DISCHARGE', 'FINE', 'REFERRAL_ORDER', 'YOUTH_REHABILITATION_ORDER',
       'DETENTION_AND_TRAINING_ORDER', 'SECTION_250_DETENTION', 'SECTION_259_DETENTION'], NULL, NULL,
 'Court sentences (these codes) dated in the period for an offence with a PreSentenceReportSubmitted on or '
     || 'before the sentence day (the latest such report), counted when the report''s proposedOutcomeCode is the '
     || 'sentence''s outcome code. One per sentence.',
 '{}'),

('qa-reviews', 1, 'Quality assurance reviews rated good or outstanding (target 80%)', DATE '1998-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'CaseAuditRecorded of subject CASE, ASSESSMENT or PLAN dated in the period, counted when rated GOOD or '
     || 'OUTSTANDING. The local target is targetPercent (80); the RAG is judged from comparators/thresholds as data.',
 '{"subjects": ["CASE", "ASSESSMENT", "PLAN"], "goodRatings": ["GOOD", "OUTSTANDING"], "targetPercent": 80}'),

('national-standards', 1, 'National standards self-assessment: share of the sample rated good or outstanding, and its band',
 DATE '1998-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'CaseAuditRecorded of subject NATIONAL_STANDARDS_SAMPLE dated in the period (the audited sample of cases), '
     || 'counted when rated GOOD or OUTSTANDING; the figure''s band from the unrounded share: 80%+ Outstanding, '
     || '65-79% Good, 50-64% Requires Improvement, 49% or less Inadequate (a share between 49 and 50, or 64 and 65, '
     || 'falls in the lower band: the seeds'' bands are whole percentages, floored).',
 ('{"subjects": ["NATIONAL_STANDARDS_SAMPLE"], "goodRatings": ["GOOD", "OUTSTANDING"], '
     || '"bands": [{"from": 80, "band": "OUTSTANDING"}, {"from": 65, "band": "GOOD"}, '
     || '{"from": 50, "band": "REQUIRES_IMPROVEMENT"}, {"from": 0, "band": "INADEQUATE"}]}')::jsonb),

('looked-after-known', 1, 'Looked-after children known to the service, of the local authority''s looked-after children',
 DATE '1998-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'Children the service counts on the period''s last day whose latest StatusRecorded with a looked-after answer '
     || 'assessed on or before that day says looked after, of the local authority''s children looked after on that '
     || 'day (reference figure LOOKED_AFTER_CHILDREN entered at PUT /kpi/admin/reference-figures).',
 '{}'),

('caseload', 1, 'Open cases at the end of the period per practitioner FTE', DATE '1998-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'Open cases on the period''s last day: children the service counts that day (registered by then, or transferred '
     || 'in; not transferred out) whose latest CaseClosed/CaseReopened on or before it is not a closure. The '
     || 'numerator is that count (drill-down: the children); the rate is per practitioner FTE (reference figure '
     || 'PRACTITIONER_FTE), so the denominator is the FTE in hundredths and the rate is per 100 of them.',
 '{}');
