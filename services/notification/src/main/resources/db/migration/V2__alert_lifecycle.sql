-- The full facts of an alert, its lifecycle (acknowledge, resolve), idempotent intake and the
-- transactional outbox of lifecycle events.

-- Producers own their codes and ids; leave room rather than reject a longer one at intake.
ALTER TABLE alert
    ALTER COLUMN id TYPE VARCHAR(128),
    ALTER COLUMN code TYPE VARCHAR(128),
    ALTER COLUMN belt_id TYPE VARCHAR(64),
    ALTER COLUMN wearer_id TYPE VARCHAR(128);

ALTER TABLE alert
    ADD COLUMN activity          VARCHAR(64),
    ADD COLUMN session_id        VARCHAR(128),
    ADD COLUMN measured_value    DOUBLE PRECISION,
    ADD COLUMN limit_value       DOUBLE PRECISION,
    ADD COLUMN unit              VARCHAR(32),
    ADD COLUMN late              BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN reason            TEXT,
    ADD COLUMN details           TEXT        NOT NULL DEFAULT '{}',
    ADD COLUMN received_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN acknowledged_at   TIMESTAMPTZ,
    ADD COLUMN acknowledged_by   VARCHAR(255),
    ADD COLUMN acknowledged_note TEXT,
    ADD COLUMN resolved_at       TIMESTAMPTZ,
    ADD COLUMN resolved_by       VARCHAR(255),
    ADD COLUMN resolved_note     TEXT;

-- Listing is newest first with a (raised_at, id) cursor; the wearer filter is the common one.
DROP INDEX alert_clinic_idx;
CREATE INDEX alert_clinic_page_idx ON alert (clinic_id, raised_at DESC, id DESC);
CREATE INDEX alert_clinic_wearer_idx ON alert (clinic_id, wearer_id, raised_at DESC, id DESC);
CREATE INDEX alert_clinic_open_idx ON alert (clinic_id, state, raised_at DESC) WHERE state <> 'resolved';

-- Every state change, in order; the id is the CloudEvent id of its ALERT_STATE_CHANGED event.
CREATE TABLE alert_state_change (
    id          VARCHAR(64)  PRIMARY KEY,
    alert_id    VARCHAR(128) NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    clinic_id   VARCHAR(64)  NOT NULL,
    state       VARCHAR(16)  NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
    changed_by  VARCHAR(255),
    changed_at  TIMESTAMPTZ  NOT NULL,
    note        TEXT
);
CREATE INDEX alert_state_change_alert_idx ON alert_state_change (alert_id, changed_at);

-- CloudEvent ids already handled, per consumer: a redelivered event is dropped before anything
-- is delivered. Kept longer than the topics' retention, so no redelivery can outlive its entry.
CREATE TABLE processed_event (
    consumer     VARCHAR(64)  NOT NULL,
    event_id     VARCHAR(128) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_age_idx ON processed_event (processed_at);

-- Events to publish, written in the transaction that caused them and relayed to Kafka after it
-- commits, so a state change is never published without being stored, nor stored and lost.
CREATE TABLE event_outbox (
    id          VARCHAR(64)  PRIMARY KEY,
    channel     VARCHAR(64)  NOT NULL,
    record_key  VARCHAR(128) NOT NULL,
    cloud_event TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX event_outbox_age_idx ON event_outbox (created_at);
