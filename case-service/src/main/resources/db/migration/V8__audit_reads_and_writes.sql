-- The access audit records writes as well as reads, and says which: READ or WRITE, the HTTP status
-- of the answer (403 for a refused attempt on a restricted record) and, for writes that do not come
-- over HTTP (panel decisions from Kafka, imports), the command's name in action with channel set.
ALTER TABLE case_access_audit ADD COLUMN access  VARCHAR(8);
ALTER TABLE case_access_audit ADD COLUMN status  INTEGER;
ALTER TABLE case_access_audit ADD COLUMN channel VARCHAR(16) NOT NULL DEFAULT 'HTTP';
CREATE INDEX case_access_audit_child_access ON case_access_audit (child_id, access, at);
