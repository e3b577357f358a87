-- Imports of historical case records (importing/). A job is one posted file; its counts are flushed
-- while it runs and when it ends. A row of a source is remembered once it is on the case, in the same
-- transaction as the events its command recorded, so a re-run of the file records nothing twice.
CREATE TABLE case_import_job (
    job_id       UUID         NOT NULL PRIMARY KEY,
    source       VARCHAR(64)  NOT NULL,
    state        VARCHAR(16)  NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED')),
    started_by   VARCHAR(255),
    total_lines  INTEGER      NOT NULL,
    processed    INTEGER      NOT NULL DEFAULT 0,
    imported     INTEGER      NOT NULL DEFAULT 0,
    skipped      INTEGER      NOT NULL DEFAULT 0,
    rejected     INTEGER      NOT NULL DEFAULT 0,
    failure      TEXT,
    started_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);
CREATE INDEX case_import_job_source ON case_import_job (source, started_at);

-- IMPORTED: this row's command recorded its events. ALREADY_PRESENT: the same child was already
-- registered with the same facts (by hand or by another source), so nothing was recorded.
CREATE TABLE case_import_row (
    source      VARCHAR(64)  NOT NULL,
    row_id      VARCHAR(255) NOT NULL,
    result      VARCHAR(16)  NOT NULL CHECK (result IN ('IMPORTED', 'ALREADY_PRESENT')),
    job_id      UUID         NOT NULL,
    line_number INTEGER      NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (source, row_id)
);

-- Rows a job could not record, with the reason; a re-run tries them again.
CREATE TABLE case_import_rejection (
    job_id      UUID         NOT NULL REFERENCES case_import_job (job_id),
    line_number INTEGER      NOT NULL,
    row_id      VARCHAR(255),
    field       VARCHAR(255),
    reason      TEXT         NOT NULL,
    PRIMARY KEY (job_id, line_number)
);
