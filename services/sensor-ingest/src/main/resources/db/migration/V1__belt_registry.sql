-- The belt registry: every belt belongs to one clinic.
CREATE TABLE belt (
    id               VARCHAR(32)  PRIMARY KEY,
    clinic_id        VARCHAR(64)  NOT NULL,
    model            VARCHAR(64),
    firmware         VARCHAR(32),
    state            VARCHAR(16)  NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'retired')),
    wearer_id        VARCHAR(64),
    provisioned_at   TIMESTAMPTZ  NOT NULL,
    last_seen_at     TIMESTAMPTZ,
    battery          REAL CHECK (battery BETWEEN 0 AND 1),
    last_seq         BIGINT
);

CREATE INDEX belt_clinic_idx ON belt (clinic_id, id);
