-- Counting rules of reoffending, the YJB KPIs (April 2023) and the local measures. Parameters the
-- measures read are in `parameters`; each definition states how the rule is interpreted.

INSERT INTO counting_rule (measure, version, title, effective_from, effective_to, outcome_codes, min_age, max_age,
                           definition, parameters)
VALUES
('reoffending', 1, 'Proven reoffending of a 3- or 12-month cohort (binary rate, frequency, reoffences per child)',
 DATE '1998-04-01', NULL,
 ARRAY['YOUTH_CAUTION', 'YOUTH_CONDITIONAL_CAUTION', 'REFERRAL_ORDER', 'YOUTH_REHABILITATION_ORDER',
       'DETENTION_AND_TRAINING_ORDER', 'SECTION_250_DETENTION', 'SECTION_259_DETENTION',
       'CONDITIONAL_DISCHARGE', 'ABSOLUTE_DISCHARGE', 'FINE'],
 10, 17,
 'Cohort: children with a youth caution, youth conditional caution or court disposal dated in the cohort period '
     || '(a quarter, or 12 months), aged 10-17 on the index date (their first such outcome in the period). '
     || 'Reoffence: an offence committed after the index date and within trackingMonths of it, proven by one of '
     || 'these outcomes within trackingMonths + waitMonths of the index date; one per offence. Measures: '
     || 'reoffending-binary = reoffenders / cohort (%), reoffending-frequency = reoffences / reoffender, '
     || 'reoffending-per-child = reoffences / cohort member. Provisional until 18 months after the period. '
     || 'Not yet: release from custody as an index event (OrderEnded of a custodial order is the end of the '
     || 'licence, not the release); custodial sentences count on their date.',
 '{"trackingMonths": 12, "waitMonths": 6}'),

-- YJB KPIs 1-5: v1 the earlier public wording ("children in the community and released from custody"),
-- interpreted as community and custodial orders ending; v2 the current wording ("at the end of their
-- intervention/order"), every kind of intervention. The seeds date the KPIs from April 2023 and say they
-- were presented to the board in 2022; v1's start date (April 2022) is an assumption.
('yjb-kpi-1-accommodation', 1, 'YJB KPI 1: suitable accommodation (earlier wording)', DATE '2022-04-01', DATE '2023-03-31',
 ARRAY[]::text[], NULL, NULL,
 'Children in the community and released from custody with suitable accommodation: community and custodial '
     || 'orders ended in the period whose END status says suitable accommodation, of those orders.',
 '{"orderKinds": ["COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-1-accommodation', 2, 'YJB KPI 1: suitable accommodation at the end of the intervention/order', DATE '2023-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'Interventions and orders of every kind (prevention, out-of-court, community, custody) ended in the period '
     || 'whose END status says suitable accommodation, of those ended. One per order; no END status: not suitable.',
 '{"orderKinds": ["PREVENTION", "OUT_OF_COURT", "COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-2-ete', 1, 'YJB KPI 2: suitable ETE (earlier wording)', DATE '2022-04-01', DATE '2023-03-31',
 ARRAY[]::text[], NULL, NULL,
 'Community and custodial orders ended in the period whose END status says suitable education, training or '
     || 'employment, of those orders.',
 '{"orderKinds": ["COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-2-ete', 2, 'YJB KPI 2: suitable ETE at the end of the intervention/order', DATE '2023-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'Interventions and orders of every kind ended in the period whose END status says suitable ETE, of those ended.',
 '{"orderKinds": ["PREVENTION", "OUT_OF_COURT", "COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-3-send', 1, 'YJB KPI 3: SEND/ALN formal plan (earlier wording)', DATE '2022-04-01', DATE '2023-03-31',
 ARRAY[]::text[], NULL, NULL,
 'Community and custodial orders ended in the period with an identified SEND/ALN need at the end that have a '
     || 'formal plan, of those with the need.',
 '{"orderKinds": ["COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-3-send', 2, 'YJB KPI 3: SEND/ALN formal plan at the end of the intervention/order', DATE '2023-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'Interventions and orders of every kind ended in the period with an identified SEND/ALN need at the end that '
     || 'have a formal plan, of those with the need.',
 '{"orderKinds": ["PREVENTION", "OUT_OF_COURT", "COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-4-mental-health', 1, 'YJB KPI 4: mental health and emotional wellbeing funnel (earlier wording)',
 DATE '2022-04-01', DATE '2023-03-31', ARRAY[]::text[], NULL, NULL,
 'Community and custodial orders ended in the period. -need: screened or identified need at the end / orders '
     || 'ended; -planned: intervention planned or offered / need; -attending: attending / planned or offered.',
 '{"orderKinds": ["COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-4-mental-health', 2, 'YJB KPI 4: mental health and emotional wellbeing funnel at the end of the order',
 DATE '2023-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'Interventions and orders of every kind ended in the period. -need: screened or identified need at the end / '
     || 'orders ended; -planned: intervention planned or offered / need; -attending: attending / planned or offered.',
 '{"orderKinds": ["PREVENTION", "OUT_OF_COURT", "COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-5-substance-misuse', 1, 'YJB KPI 5: substance misuse funnel (earlier wording)',
 DATE '2022-04-01', DATE '2023-03-31', ARRAY[]::text[], NULL, NULL,
 'Community and custodial orders ended in the period. -need: screened or identified need at the end / orders '
     || 'ended; -planned: intervention or treatment planned or offered / need; -attending: attending / planned.',
 '{"orderKinds": ["COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-5-substance-misuse', 2, 'YJB KPI 5: substance misuse funnel at the end of the order',
 DATE '2023-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'Interventions and orders of every kind ended in the period. -need: screened or identified need at the end / '
     || 'orders ended; -planned: intervention or treatment planned or offered / need; -attending: attending / planned.',
 '{"orderKinds": ["PREVENTION", "OUT_OF_COURT", "COMMUNITY", "CUSTODY"]}'),
-- KPIs 6-10: only the names are confirmed publicly (BRIEF section 4); these are interpretations, to be
-- replaced by a new version when the YJB guidance is confirmed.
('yjb-kpi-6-out-of-court', 1, 'YJB KPI 6: out-of-court disposal interventions completed (interpretation)',
 DATE '2023-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'INTERPRETATION (wording not confirmed publicly): out-of-court interventions ended in the period with end '
     || 'reason COMPLETED, of all out-of-court interventions ended in the period (revoked, breached and '
     || 'transferred ones count as not completed).',
 '{"orderKinds": ["OUT_OF_COURT"]}'),
('yjb-kpi-7-wider-services', 1, 'YJB KPI 7: links to wider services (interpretation)',
 DATE '2023-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'INTERPRETATION (wording not confirmed publicly): interventions and orders of every kind ended in the period '
     || 'whose END status says the child is looked after, on a child protection plan, a child in need plan or '
     || 'an early help plan, of those ended.',
 '{"orderKinds": ["PREVENTION", "OUT_OF_COURT", "COMMUNITY", "CUSTODY"]}'),
('yjb-kpi-10-victims', 1, 'YJB KPI 10: victims (interpretation)',
 DATE '2023-04-01', NULL, ARRAY[]::text[], NULL, NULL,
 'INTERPRETATION (wording not confirmed publicly): victims (per case and pseudonymous victim) contacted in the '
     || 'period, by their last contact in it. -consented: consented to contact; -views-sought: result '
     || 'VIEWS_GIVEN; -rj-offered: restorative justice offered; each of the victims contacted. "Kept informed" '
     || 'and "supported" are not carried by any event yet.',
 '{}'),
-- Local measures (seeds, section 4.6 of the city notes).
('oocd-outcome-mix', 1, 'Out-of-court disposal outcome mix', DATE '1998-04-01', NULL,
 ARRAY['NO_FURTHER_ACTION', 'OUTCOME_20', 'OUTCOME_21', 'OUTCOME_22', 'COMMUNITY_RESOLUTION', 'YOUTH_CAUTION',
       'YOUTH_CONDITIONAL_CAUTION'], NULL, NULL,
 'Out-of-court outcomes (these codes) dated in the period, of all outcomes (these and courtCodes) dated in it, '
     || 'counted per outcome as corrected; the mix is the breakdown by outcome-code (each code''s share of the '
     || 'out-of-court outcomes).',
 '{"courtCodes": ["ABSOLUTE_DISCHARGE", "CONDITIONAL_DISCHARGE", "FINE", "REFERRAL_ORDER", "YOUTH_REHABILITATION_ORDER", "DETENTION_AND_TRAINING_ORDER", "SECTION_250_DETENTION", "SECTION_259_DETENTION"]}'),
('panel-timeliness', 1, 'Out-of-court panel decisions within 15 working days of referral', DATE '1998-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'Panel decisions (PanelDecisionRecorded) dated in the period that came within withinWorkingDays working days '
     || '(Monday-Friday except England and Wales bank holidays, kpi.working-days) after the offence''s referral '
     || '(the latest ReferredToOutOfCourtPanel of the child''s offence on or before the decision), of all '
     || 'decisions in the period answering a recorded referral. Amendments do not change the decision date.',
 '{"withinWorkingDays": 15}'),
('ete-statutory-orders', 1, 'Full-time ETE at the end of referral orders, YROs and DTO licences', DATE '1998-04-01', NULL,
 ARRAY[]::text[], NULL, NULL,
 'Referral orders, youth rehabilitation orders and detention and training orders (end of the licence) ended in '
     || 'the period whose END status says full-time ETE, of those ended. -school-age and -above-school-age split '
     || 'by the END status''s schoolAge (orders without an END status are only in the whole figure).',
 '{"orderKinds": ["COMMUNITY", "CUSTODY"], "orderTypes": ["REFERRAL_ORDER", "YOUTH_REHABILITATION_ORDER", "DETENTION_AND_TRAINING_ORDER"]}');
