-- Comparators and RAG thresholds: figures and judgements an analyst enters, not derived from events.
-- Neither is touched by a rebuild.

-- A published comparator rate (YOT family group, region, England and Wales) for one measure, service
-- and period, in the measure's own unit (per 100,000 for first-time entrants, per 1,000 for custody).
CREATE TABLE comparator_figure (
    measure               text    NOT NULL,
    youth_justice_service text    NOT NULL,
    comparator            text    NOT NULL CHECK (comparator IN ('FAMILY', 'REGIONAL', 'NATIONAL')),
    period_from           date    NOT NULL,
    period_to             date    NOT NULL,
    rate                  numeric NOT NULL CHECK (rate >= 0),
    source                text,
    entered_by            text    NOT NULL,
    entered_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (measure, youth_justice_service, comparator, period_from, period_to),
    CHECK (period_to >= period_from)
);

-- How a measure's RAG is judged for a service: against which comparator, which direction is better,
-- and how far worse than the comparator is still amber (in % of the comparator's rate).
CREATE TABLE rag_threshold (
    measure               text    NOT NULL,
    youth_justice_service text    NOT NULL,
    comparator            text    NOT NULL CHECK (comparator IN ('FAMILY', 'REGIONAL', 'NATIONAL')),
    lower_is_better       boolean NOT NULL,
    amber_band_percent    numeric NOT NULL CHECK (amber_band_percent >= 0),
    entered_by            text    NOT NULL,
    entered_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (measure, youth_justice_service)
);
