-- Belt commands waiting for their belt. Every instance consumes every command and stores it here
-- (the first insert wins, the others are no-ops); delivery is a claim (delivered_at set by one
-- atomic UPDATE), so a command reaches its belt at most once, over whichever instance holds the
-- belt's stream or answers its next upload. Rows stay until well past expiry, so that a late
-- consumer cannot store a delivered command again.
CREATE TABLE pending_command (
    command_id    VARCHAR(64)  PRIMARY KEY,
    belt_id       VARCHAR(32)  NOT NULL,
    clinic_id     VARCHAR(64)  NOT NULL,
    command       TEXT         NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL,
    delivered_at  TIMESTAMPTZ,
    delivered_via VARCHAR(8)   CHECK (delivered_via IN ('stream', 'poll'))
);
CREATE INDEX pending_command_waiting ON pending_command (belt_id, expires_at) WHERE delivered_at IS NULL;
CREATE INDEX pending_command_expiry ON pending_command (expires_at);
