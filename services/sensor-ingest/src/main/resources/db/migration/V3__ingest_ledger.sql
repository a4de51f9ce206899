-- The idempotency ledger of telemetry: one row per accepted (belt_id, seq), so that a re-sent batch
-- is acknowledged again but published once, whichever instance receives it and across restarts.
-- 'pending' while one request publishes it (claim_token names that request), 'published' once
-- Kafka acknowledged it. received_at and wearer_id are fixed at the first claim, so that a batch
-- published again after its publisher died is the identical record.
CREATE TABLE ingested_batch (
    belt_id      VARCHAR(32)  NOT NULL,
    seq          BIGINT       NOT NULL,
    clinic_id    VARCHAR(64)  NOT NULL,
    wearer_id    VARCHAR(64),
    received_at  TIMESTAMPTZ  NOT NULL,
    state        VARCHAR(16)  NOT NULL CHECK (state IN ('pending', 'published')),
    claim_token  UUID         NOT NULL,
    claimed_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (belt_id, seq)
);
-- Rows arrive in time order, so a BRIN index finds expired ones for almost no write cost.
CREATE INDEX ingested_batch_received_brin ON ingested_batch USING brin (received_at);
