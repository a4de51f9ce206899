-- Belt credentials, assignment history and retirement.

ALTER TABLE belt ADD COLUMN retired_at TIMESTAMPTZ;

-- Only a SHA-256 of the credential is kept; the credential itself is shown once and never stored.
-- A rotated or retired credential is revoked (kept for audit), and at most one is active per belt.
CREATE TABLE belt_credential (
    key_id      VARCHAR(32)  PRIMARY KEY,
    belt_id     VARCHAR(32)  NOT NULL REFERENCES belt (id) ON DELETE CASCADE,
    secret_hash CHAR(64)     NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX belt_credential_one_active ON belt_credential (belt_id) WHERE revoked_at IS NULL;

-- Who wore the belt when: telemetry is attributed to the wearer assigned at the time it was measured.
-- An open assignment has no unassigned_at; a belt has at most one.
CREATE TABLE belt_assignment (
    id            BIGSERIAL    PRIMARY KEY,
    belt_id       VARCHAR(32)  NOT NULL REFERENCES belt (id) ON DELETE CASCADE,
    wearer_id     VARCHAR(64)  NOT NULL,
    assigned_at   TIMESTAMPTZ  NOT NULL,
    unassigned_at TIMESTAMPTZ,
    CHECK (unassigned_at IS NULL OR unassigned_at >= assigned_at)
);
CREATE UNIQUE INDEX belt_assignment_one_open ON belt_assignment (belt_id) WHERE unassigned_at IS NULL;
CREATE INDEX belt_assignment_by_time ON belt_assignment (belt_id, assigned_at DESC);
