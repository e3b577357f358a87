-- Interventions and orders a child can be on, as reference data with effective dates. The kind
-- groups them for the KPIs: prevention and diversion work counts as much as statutory orders.
CREATE TABLE order_type (
    code           VARCHAR(64)  NOT NULL,
    description    VARCHAR(255) NOT NULL,
    kind           VARCHAR(16)  NOT NULL CHECK (kind IN ('PREVENTION', 'OUT_OF_COURT', 'COMMUNITY', 'CUSTODY')),
    effective_from DATE         NOT NULL,
    effective_to   DATE,
    PRIMARY KEY (code, effective_from)
);

INSERT INTO order_type (code, description, kind, effective_from) VALUES
    ('PREVENTION_INTERVENTION',       'Prevention or early intervention programme',     'PREVENTION',   DATE '2000-01-01'),
    ('OUT_OF_COURT_INTERVENTION',     'Intervention with an out-of-court disposal',     'OUT_OF_COURT', DATE '2000-01-01'),
    ('REFERRAL_ORDER',                'Referral order',                                 'COMMUNITY',    DATE '2002-04-01'),
    ('YOUTH_REHABILITATION_ORDER',    'Youth rehabilitation order',                     'COMMUNITY',    DATE '2009-11-30'),
    ('DETENTION_AND_TRAINING_ORDER',  'Detention and training order (custody and licence)', 'CUSTODY', DATE '2000-04-01'),
    ('SECTION_250_DETENTION',         'Detention under section 250 of the Sentencing Act 2020', 'CUSTODY', DATE '2020-12-01'),
    ('SECTION_259_DETENTION',         'Detention under section 259 of the Sentencing Act 2020', 'CUSTODY', DATE '2020-12-01');
