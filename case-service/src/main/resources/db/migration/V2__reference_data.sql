-- Reference data: outcome types with effective dates, and the youth justice services this deployment serves.
CREATE TABLE youth_justice_service (
    code VARCHAR(64)  NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL
);

INSERT INTO youth_justice_service (code, name) VALUES
    ('leicester-city', 'Leicester City Children and Young People''s Justice Service'),
    ('leicestershire', 'Leicestershire Youth Justice Service');

CREATE TABLE outcome_type (
    code               VARCHAR(64)  NOT NULL,
    description        VARCHAR(255) NOT NULL,
    category           VARCHAR(16)  NOT NULL CHECK (category IN ('OUT_OF_COURT', 'COURT')),
    requires_admission BOOLEAN      NOT NULL,
    custodial          BOOLEAN      NOT NULL,
    effective_from     DATE         NOT NULL,
    effective_to       DATE,
    PRIMARY KEY (code, effective_from)
);

INSERT INTO outcome_type (code, description, category, requires_admission, custodial, effective_from) VALUES
    ('NO_FURTHER_ACTION',            'No further action',                                   'OUT_OF_COURT', false, false, DATE '2000-01-01'),
    ('OUTCOME_20',                   'Outcome 20: further action resulting from the crime report undertaken by another body', 'OUT_OF_COURT', false, false, DATE '2015-04-01'),
    ('OUTCOME_21',                   'Outcome 21: further investigation not in the public interest', 'OUT_OF_COURT', false, false, DATE '2016-01-01'),
    ('OUTCOME_22',                   'Outcome 22: diversionary, educational or intervention activity', 'OUT_OF_COURT', false, false, DATE '2019-01-01'),
    ('COMMUNITY_RESOLUTION',         'Community resolution',                                'OUT_OF_COURT', false, false, DATE '2000-01-01'),
    ('YOUTH_CAUTION',                'Youth caution',                                       'OUT_OF_COURT', true,  false, DATE '2013-04-08'),
    ('YOUTH_CONDITIONAL_CAUTION',    'Youth conditional caution',                           'OUT_OF_COURT', true,  false, DATE '2013-04-08'),
    ('ABSOLUTE_DISCHARGE',           'Absolute discharge',                                  'COURT',        false, false, DATE '2000-01-01'),
    ('CONDITIONAL_DISCHARGE',        'Conditional discharge',                               'COURT',        false, false, DATE '2000-01-01'),
    ('FINE',                         'Fine',                                                'COURT',        false, false, DATE '2000-01-01'),
    ('REFERRAL_ORDER',               'Referral order',                                      'COURT',        false, false, DATE '2002-04-01'),
    ('YOUTH_REHABILITATION_ORDER',   'Youth rehabilitation order',                          'COURT',        false, false, DATE '2009-11-30'),
    ('DETENTION_AND_TRAINING_ORDER', 'Detention and training order',                        'COURT',        false, true,  DATE '2000-04-01'),
    ('SECTION_250_DETENTION',        'Detention under section 250 of the Sentencing Act 2020', 'COURT',     false, true,  DATE '2020-12-01'),
    ('SECTION_259_DETENTION',        'Detention under section 259 of the Sentencing Act 2020', 'COURT',     false, true,  DATE '2020-12-01');
