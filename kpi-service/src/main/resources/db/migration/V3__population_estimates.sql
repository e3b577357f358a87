-- ONS-style mid-year population estimates (30 June of year), the denominators of every rate and of
-- the relative rate index. Reference data loaded from CSV (population.PopulationLoader), not from
-- the topics: a rebuild leaves it alone.
CREATE TABLE population_estimate (
    youth_justice_service text    NOT NULL,
    year                  integer NOT NULL,
    age                   integer NOT NULL CHECK (age BETWEEN 0 AND 120),
    sex                   text    NOT NULL,
    ethnicity             text    NOT NULL,  -- ONS 5+1 group: WHITE, MIXED, ASIAN, BLACK, OTHER
    count                 integer NOT NULL CHECK (count >= 0),
    source                text    NOT NULL,  -- the file or upload it came from
    loaded_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (youth_justice_service, year, age, sex, ethnicity)
);
