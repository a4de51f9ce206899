-- Webhook endpoints (Standard Webhooks), their durable delivery queue, attempt log and digests.

CREATE TABLE webhook_endpoint (
    id                      VARCHAR(64)   PRIMARY KEY,
    clinic_id               VARCHAR(64)   NOT NULL,
    url                     VARCHAR(2048) NOT NULL,
    description             VARCHAR(500),
    -- Comma-separated event types; empty = every type.
    event_types             TEXT          NOT NULL DEFAULT '',
    enabled                 BOOLEAN       NOT NULL DEFAULT true,
    disabled_reason         VARCHAR(500),
    disabled_at             TIMESTAMPTZ,
    -- The signing secret must be readable to sign; it is never returned after creation or rotation.
    secret                  VARCHAR(128)  NOT NULL,
    previous_secret         VARCHAR(128),
    previous_secret_expires TIMESTAMPTZ,
    digest_enabled          BOOLEAN       NOT NULL DEFAULT false,
    digest_window_ms        BIGINT        NOT NULL DEFAULT 300000,
    -- Start of the current run of failed attempts; null after a success.
    failing_since           TIMESTAMPTZ,
    created_at              TIMESTAMPTZ   NOT NULL,
    created_by              VARCHAR(255),
    updated_at              TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_endpoint_clinic_idx ON webhook_endpoint (clinic_id, created_at);

-- One message to one endpoint, with its place in the retry schedule. The webhook id is what the
-- receiver deduplicates on: the same for every attempt and every replay of this message.
CREATE TABLE webhook_delivery (
    id                VARCHAR(64)   PRIMARY KEY,
    endpoint_id       VARCHAR(64)   NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    clinic_id         VARCHAR(64)   NOT NULL,
    webhook_id        VARCHAR(64)   NOT NULL,
    event_type        VARCHAR(128)  NOT NULL,
    body              TEXT          NOT NULL,
    status            VARCHAR(16)   NOT NULL CHECK (status IN ('pending', 'succeeded', 'dead_lettered')),
    attempts          INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ,
    lease_owner       VARCHAR(64),
    lease_until       TIMESTAMPTZ,
    last_attempt_at   TIMESTAMPTZ,
    last_status_code  INTEGER,
    last_error        VARCHAR(500),
    dead_letter_reason VARCHAR(500),
    replay_of         VARCHAR(64),
    created_at        TIMESTAMPTZ   NOT NULL,
    completed_at      TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (endpoint_id, created_at DESC, id DESC);
-- Finished deliveries leave after the log's retention.
CREATE INDEX webhook_delivery_finished_idx ON webhook_delivery (completed_at) WHERE status <> 'pending';

CREATE TABLE webhook_attempt (
    id            BIGSERIAL    PRIMARY KEY,
    delivery_id   VARCHAR(64)  NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    endpoint_id   VARCHAR(64)  NOT NULL,
    attempt       INTEGER      NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL,
    duration_ms   BIGINT       NOT NULL,
    status_code   INTEGER,
    outcome       VARCHAR(32)  NOT NULL,
    error         VARCHAR(500)
);
CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, attempt);

-- Form faults waiting to go out as one digest per endpoint and session; removed once sealed into
-- a delivery, whose body then holds them.
CREATE TABLE webhook_digest_item (
    id           VARCHAR(64)  PRIMARY KEY,
    endpoint_id  VARCHAR(64)  NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    clinic_id    VARCHAR(64)  NOT NULL,
    session_id   VARCHAR(128) NOT NULL,
    alert        TEXT         NOT NULL,
    raised_at    TIMESTAMPTZ  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX webhook_digest_session_idx ON webhook_digest_item (endpoint_id, session_id, raised_at);
