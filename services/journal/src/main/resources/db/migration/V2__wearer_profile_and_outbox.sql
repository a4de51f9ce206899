-- Wearer profile: conditions, clinician limits (JSON of io.spinestream.events.payload.Limits, `{}` = none
-- set), a version that increases with every profile change, the wearer's time zone (days, weeks and
-- times of day are the wearer's own) and consent to export to the clinic's health records.
ALTER TABLE wearer
    ADD COLUMN conditions          VARCHAR(64)[] NOT NULL DEFAULT '{}',
    ADD COLUMN limits              TEXT         NOT NULL DEFAULT '{}',
    ADD COLUMN profile_version     BIGINT       NOT NULL DEFAULT 1 CHECK (profile_version >= 1),
    ADD COLUMN time_zone           VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    ADD COLUMN consent_ehr_export  BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN consent_recorded_at TIMESTAMPTZ,
    ADD COLUMN consent_recorded_by VARCHAR(128),
    ADD COLUMN updated_at          TIMESTAMPTZ;
UPDATE wearer SET updated_at = created_at;
ALTER TABLE wearer ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE wearer ALTER COLUMN updated_at SET DEFAULT now();

-- Every version of every profile: who changed what, when and why. The row of the current version
-- equals the wearer's current conditions, limits and birth year.
CREATE TABLE wearer_profile_version (
    wearer_id   VARCHAR(64)  NOT NULL REFERENCES wearer (id) ON DELETE CASCADE,
    version     BIGINT       NOT NULL CHECK (version >= 1),
    clinic_id   VARCHAR(64)  NOT NULL,
    conditions  VARCHAR(64)[] NOT NULL,
    limits      TEXT         NOT NULL,
    birth_year  INTEGER,
    changed_by  VARCHAR(128) NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL,
    reason      VARCHAR(500),
    PRIMARY KEY (wearer_id, version)
);
INSERT INTO wearer_profile_version (wearer_id, version, clinic_id, conditions, limits, birth_year, changed_by,
                                    changed_at, reason)
SELECT id, 1, clinic_id, '{}', '{}', birth_year, 'migration', created_at, 'profile before versioning'
FROM wearer;

-- Transactional outbox: events are written in the transaction that caused them and published by
-- the relay afterwards (at least once; their deterministic ids make redelivery harmless).
CREATE TABLE outbox_event (
    event_id    VARCHAR(64)  PRIMARY KEY,
    seq         BIGSERIAL    NOT NULL UNIQUE,
    event_type  VARCHAR(100) NOT NULL,
    record_key  VARCHAR(128) NOT NULL,
    clinic_id   VARCHAR(64)  NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    attempts    INTEGER      NOT NULL DEFAULT 0,
    lease_until TIMESTAMPTZ,
    sent_at     TIMESTAMPTZ,
    last_error  VARCHAR(500)
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_idx ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;
