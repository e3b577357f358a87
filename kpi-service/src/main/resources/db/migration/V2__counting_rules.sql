-- Counting rules as data: each KPI's rule has versions with effective date ranges. A figure names the
-- version it used; by default the version in force on the period's last day. Versions are never
-- deleted or edited once published: a new definition is a new row (and closes the old one's range)
-- in a later migration, so every old figure can still be reproduced under its own version.
CREATE TABLE counting_rule (
    measure        text    NOT NULL,
    version        integer NOT NULL CHECK (version > 0),
    title          text    NOT NULL,
    effective_from date    NOT NULL,
    effective_to   date,   -- inclusive; null while in force
    -- The parameters the measure's logic reads: which outcome codes count, and the age range on the
    -- counted outcome's date (null: no age condition).
    outcome_codes  text[]  NOT NULL,
    min_age        integer,
    max_age        integer,
    definition     text    NOT NULL,
    PRIMARY KEY (measure, version),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- Version 1 of both headline measures as the walking skeleton counted them (kpi.rules.* before).
-- In force from the Crime and Disorder Act 1998's youth justice system, i.e. for every period.
INSERT INTO counting_rule (measure, version, title, effective_from, effective_to, outcome_codes, min_age, max_age,
                           definition)
VALUES ('first-time-entrants', 1, 'First-time entrants per 100,000 of the 10-17 population', DATE '1998-04-01', NULL,
        ARRAY['YOUTH_CAUTION', 'YOUTH_CONDITIONAL_CAUTION', 'REFERRAL_ORDER', 'YOUTH_REHABILITATION_ORDER',
              'DETENTION_AND_TRAINING_ORDER', 'SECTION_250_DETENTION', 'SECTION_259_DETENTION',
              'CONDITIONAL_DISCHARGE', 'ABSOLUTE_DISCHARGE', 'FINE'],
        10, 17,
        'Children whose earliest youth caution, youth conditional caution or court disposal is dated in the period '
            || 'and who were aged 10-17 on that date. Community resolutions, Outcomes 20-22 and no further action '
            || 'are not a formal entry to the youth justice system; a later qualifying outcome does not count again.'),
       ('custody', 1, 'Use of custody per 1,000 of the 10-17 population', DATE '1998-04-01', NULL,
        ARRAY['DETENTION_AND_TRAINING_ORDER', 'SECTION_250_DETENTION', 'SECTION_259_DETENTION'],
        NULL, NULL,
        'Custodial sentences (detention and training orders, section 250 and 259 detention) dated in the period, '
            || 'counted per sentence: a child sentenced twice counts twice.');
