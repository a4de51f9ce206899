-- Right to erasure (docs/privacy.md). An erasure holds no health data: ids, times, who asked, and what
-- each service removed. Its wearer_id is the journal's tombstone of the wearer: a repeated request finds
-- the erasure, and data still arriving for the wearer (a late session summary) is dropped.
CREATE TABLE erasure (
    id           VARCHAR(64)  PRIMARY KEY,
    clinic_id    VARCHAR(64)  NOT NULL,
    wearer_id    VARCHAR(64)  NOT NULL UNIQUE,
    -- the clinic admin who asked; null when the journal learnt the erasure from the erasure-requests topic
    -- (a database restored from a backup taken before the erasure)
    requested_by VARCHAR(128),
    requested_at TIMESTAMPTZ  NOT NULL
);

-- One row per service that must confirm (the registry's erasure participants at the time of the request):
-- pending until its receipt arrives.
CREATE TABLE erasure_confirmation (
    erasure_id   VARCHAR(64) NOT NULL REFERENCES erasure (id) ON DELETE CASCADE,
    service      VARCHAR(64) NOT NULL,
    -- the CloudEvents id of the receipt that confirmed it
    receipt_id   VARCHAR(64),
    -- records removed by kind, JSON {"kind": count}
    removed      TEXT,
    completed_at TIMESTAMPTZ,
    PRIMARY KEY (erasure_id, service),
    CHECK ((completed_at IS NULL) = (removed IS NULL) AND (completed_at IS NULL) = (receipt_id IS NULL))
);

-- The outbox also carries tombstones: a row without payload is a null value for record_key on the topic
-- of event_type (the wearer's key on the compacted wearer-profiles topic, when the wearer is erased).
ALTER TABLE outbox_event ALTER COLUMN payload DROP NOT NULL;
