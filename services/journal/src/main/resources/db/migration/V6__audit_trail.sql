-- The audit trail (docs/audit.md): one row per access to health data through any service's API, as read from
-- the audit topic. Ids, path templates and counts only: no health data. Append-only: the triggers below refuse
-- every UPDATE, DELETE and TRUNCATE, whoever asks, so not even a bug of the journal can change the trail. An
-- erasure of a wearer leaves it as it is (docs/privacy.md): it holds the wearer's opaque id, never their data.
CREATE TABLE audit_record (
    record_id      VARCHAR(64)  PRIMARY KEY,
    clinic_id      VARCHAR(64)  NOT NULL,
    service        VARCHAR(64)  NOT NULL,
    at             TIMESTAMPTZ  NOT NULL,
    subject        VARCHAR(256) NOT NULL,
    role           VARCHAR(128) NOT NULL,
    -- null for a clinic-wide list, or a resource whose wearer the service could not name
    wearer_id      VARCHAR(128),
    action         VARCHAR(16)  NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'export')),
    resource       VARCHAR(64)  NOT NULL,
    operation      VARCHAR(256) NOT NULL,
    resource_id    VARCHAR(128),
    item_count     INTEGER      CHECK (item_count >= 0),
    status         INTEGER      NOT NULL,
    client_address VARCHAR(64),
    user_agent     VARCHAR(256),
    request_id     VARCHAR(64)  NOT NULL,
    -- when the journal stored it
    stored_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The clinic's trail newest first (the list's keyset), and by wearer or subject.
CREATE INDEX audit_record_clinic_at ON audit_record (clinic_id, at DESC, record_id DESC);
CREATE INDEX audit_record_clinic_wearer_at ON audit_record (clinic_id, wearer_id, at DESC, record_id DESC);
CREATE INDEX audit_record_clinic_subject_at ON audit_record (clinic_id, subject, at DESC, record_id DESC);

CREATE FUNCTION audit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_record_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_is_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_is_append_only();
