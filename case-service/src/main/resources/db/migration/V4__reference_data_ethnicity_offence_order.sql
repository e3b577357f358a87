-- More reference data with effective dates: codes are data, not enums, so a national change is a row.

-- Ethnicity: the 2021 census 19 detailed categories, each with its ONS 5+1 group.
CREATE TABLE ethnicity (
    code           VARCHAR(64)  NOT NULL,
    description    VARCHAR(255) NOT NULL,
    ons_group      VARCHAR(16)  NOT NULL CHECK (ons_group IN ('WHITE', 'MIXED', 'ASIAN', 'BLACK', 'OTHER', 'NOT_KNOWN')),
    effective_from DATE         NOT NULL,
    effective_to   DATE,
    PRIMARY KEY (code, effective_from)
);

INSERT INTO ethnicity (code, description, ons_group, effective_from) VALUES
    ('WHITE_BRITISH',               'White: English, Welsh, Scottish, Northern Irish or British', 'WHITE', DATE '2001-01-01'),
    ('WHITE_IRISH',                 'White: Irish',                                    'WHITE',     DATE '2001-01-01'),
    ('WHITE_GYPSY_IRISH_TRAVELLER', 'White: Gypsy or Irish Traveller',                 'WHITE',     DATE '2011-01-01'),
    ('WHITE_ROMA',                  'White: Roma',                                     'WHITE',     DATE '2021-01-01'),
    ('WHITE_OTHER',                 'White: any other White background',               'WHITE',     DATE '2001-01-01'),
    ('MIXED_WHITE_BLACK_CARIBBEAN', 'Mixed: White and Black Caribbean',                'MIXED',     DATE '2001-01-01'),
    ('MIXED_WHITE_BLACK_AFRICAN',   'Mixed: White and Black African',                  'MIXED',     DATE '2001-01-01'),
    ('MIXED_WHITE_ASIAN',           'Mixed: White and Asian',                          'MIXED',     DATE '2001-01-01'),
    ('MIXED_OTHER',                 'Mixed: any other Mixed or multiple ethnic background', 'MIXED', DATE '2001-01-01'),
    ('ASIAN_INDIAN',                'Asian: Indian',                                   'ASIAN',     DATE '2001-01-01'),
    ('ASIAN_PAKISTANI',             'Asian: Pakistani',                                'ASIAN',     DATE '2001-01-01'),
    ('ASIAN_BANGLADESHI',           'Asian: Bangladeshi',                              'ASIAN',     DATE '2001-01-01'),
    ('ASIAN_CHINESE',               'Asian: Chinese',                                  'ASIAN',     DATE '2011-01-01'),
    ('ASIAN_OTHER',                 'Asian: any other Asian background',               'ASIAN',     DATE '2001-01-01'),
    ('BLACK_AFRICAN',               'Black: African',                                  'BLACK',     DATE '2001-01-01'),
    ('BLACK_CARIBBEAN',             'Black: Caribbean',                                'BLACK',     DATE '2001-01-01'),
    ('BLACK_OTHER',                 'Black: any other Black, Black British or Caribbean background', 'BLACK', DATE '2001-01-01'),
    ('OTHER_ARAB',                  'Other ethnic group: Arab',                        'OTHER',     DATE '2011-01-01'),
    ('OTHER_ANY',                   'Other ethnic group: any other ethnic group',      'OTHER',     DATE '2001-01-01'),
    ('NOT_KNOWN',                   'Not known or not stated',                         'NOT_KNOWN', DATE '2001-01-01');

-- Offence categories, as youth justice statistics group them.
CREATE TABLE offence_category (
    code           VARCHAR(64)  NOT NULL,
    description    VARCHAR(255) NOT NULL,
    effective_from DATE         NOT NULL,
    effective_to   DATE,
    PRIMARY KEY (code, effective_from)
);

INSERT INTO offence_category (code, description, effective_from) VALUES
    ('VIOLENCE_AGAINST_THE_PERSON', 'Violence against the person', DATE '2000-01-01'),
    ('SEXUAL_OFFENCES',             'Sexual offences',             DATE '2000-01-01'),
    ('ROBBERY',                     'Robbery',                     DATE '2000-01-01'),
    ('BURGLARY',                    'Burglary',                    DATE '2000-01-01'),
    ('THEFT_AND_HANDLING',          'Theft and handling stolen goods', DATE '2000-01-01'),
    ('VEHICLE_THEFT',               'Vehicle theft or unauthorised taking', DATE '2000-01-01'),
    ('FRAUD_AND_FORGERY',           'Fraud and forgery',           DATE '2000-01-01'),
    ('CRIMINAL_DAMAGE',             'Criminal damage',             DATE '2000-01-01'),
    ('ARSON',                       'Arson',                       DATE '2000-01-01'),
    ('DRUGS',                       'Drugs offences',              DATE '2000-01-01'),
    ('PUBLIC_ORDER',                'Public order offences',       DATE '2000-01-01'),
    ('RACIALLY_AGGRAVATED',         'Racially or religiously aggravated offences', DATE '2000-01-01'),
    ('POSSESSION_OF_WEAPON',        'Possession of a weapon',      DATE '2000-01-01'),
    ('MOTORING',                    'Motoring offences',           DATE '2000-01-01'),
    ('BREACH_OF_BAIL',              'Breach of bail',              DATE '2000-01-01'),
    ('BREACH_OF_STATUTORY_ORDER',   'Breach of a statutory order', DATE '2000-01-01'),
    ('OTHER',                       'Other offences',              DATE '2000-01-01');
