-- Answers to POSTs that carried an Idempotency-Key, so a retried request gets the first answer
-- and records nothing new. Keys are per user: two users may choose the same key.
CREATE TABLE idempotency_key (
    user_name       VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
    response_status INTEGER,
    content_type    VARCHAR(255),
    response_body   BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_name, idempotency_key)
);
