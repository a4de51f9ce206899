-- Fleet alerts (BELT_SILENT, BATTERY_LOW): one row per occurrence. The partial unique index lets
-- only one open occurrence exist per belt and code, so whichever instance inserts it first raises
-- the alert and every other instance's attempt is a no-op. The row is also the outbox of the alert
-- event: it is sent after the insert and marked published once Kafka acknowledged it; a row left
-- unpublished (broker away, instance died) is sent again, with the same event id.
CREATE TABLE fleet_alert (
    alert_id      VARCHAR(36)  PRIMARY KEY,
    belt_id       VARCHAR(32)  NOT NULL REFERENCES belt (id) ON DELETE CASCADE,
    clinic_id     VARCHAR(64)  NOT NULL,
    code          VARCHAR(32)  NOT NULL,
    raised_at     TIMESTAMPTZ  NOT NULL,
    last_seen_at  TIMESTAMPTZ,
    event         TEXT         NOT NULL,
    published_at  TIMESTAMPTZ,
    cleared_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX fleet_alert_one_open ON fleet_alert (belt_id, code) WHERE cleared_at IS NULL;
CREATE INDEX fleet_alert_unpublished ON fleet_alert (raised_at) WHERE published_at IS NULL;

-- The silent-belt check scans belts by last_seen_at.
CREATE INDEX belt_last_seen_idx ON belt (last_seen_at) WHERE state = 'active';
