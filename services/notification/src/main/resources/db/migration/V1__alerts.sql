-- Alerts as received from every producer; their lifecycle (acknowledge, resolve) lives here.
CREATE TABLE alert (
    id          VARCHAR(64)  PRIMARY KEY,
    clinic_id   VARCHAR(64)  NOT NULL,
    event_type  VARCHAR(128) NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    severity    VARCHAR(16)  NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    state       VARCHAR(16)  NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'resolved')),
    belt_id     VARCHAR(32),
    wearer_id   VARCHAR(64),
    raised_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX alert_clinic_idx ON alert (clinic_id, raised_at DESC);
