-- One encryption key per child for their personal details (names, address, contacts). Erasure
-- destroys the key: the encrypted details in the event store, and in every backup of it, can no
-- longer be read, while the pseudonymous facts that KPIs count stay. In production this table
-- belongs in a separate key store with short backup retention (see docs/adr/0005).
CREATE TABLE child_key (
    child_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    aes_key      BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at TIMESTAMPTZ,
    CHECK ((aes_key IS NULL) = (destroyed_at IS NOT NULL))
);

-- Who read or changed a child's record, when, and why. Append-only: the database refuses updates and deletes.
CREATE TABLE case_access_audit (
    id             BIGSERIAL    NOT NULL PRIMARY KEY,
    at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    user_name      VARCHAR(255) NOT NULL,
    roles          VARCHAR(255),
    child_id       VARCHAR(64)  NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    reason         VARCHAR(1000),
    correlation_id VARCHAR(64)
);
CREATE INDEX case_access_audit_child ON case_access_audit (child_id, at);
CREATE INDEX case_access_audit_user ON case_access_audit (user_name, at);

CREATE FUNCTION case_access_audit_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'case_access_audit is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER case_access_audit_append_only
    BEFORE UPDATE OR DELETE ON case_access_audit
    FOR EACH ROW EXECUTE FUNCTION case_access_audit_is_append_only();
