-- Right to erasure (docs/privacy.md): every row that holds a wearer's data names the wearer, so that an
-- erasure finds it by wearer_id (a schema test checks that every such table is erased).

-- Webhook payloads name the wearer inside their JSON only; the column is what the erasure deletes by.
-- Null for messages about no wearer (an endpoint disabled, a belt without wearer).
ALTER TABLE webhook_delivery ADD COLUMN wearer_id VARCHAR(128);
ALTER TABLE webhook_digest_item ADD COLUMN wearer_id VARCHAR(128);

-- Existing rows, from their payloads: an alert's data.wearerId, a digest's wearerId (or that of the first
-- of its alerts naming one), and for a state change (data.alertId only) the wearer of its alert.
UPDATE webhook_delivery d
SET wearer_id = found.wearer_id
FROM (
    SELECT p.id, COALESCE(
            p.body #>> '{data,wearerId}',
            (SELECT a ->> 'wearerId'
             FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.body #> '{data,alerts}') = 'array'
                                            THEN p.body #> '{data,alerts}' ELSE '[]'::jsonb END) a
             WHERE a ->> 'wearerId' IS NOT NULL
             LIMIT 1),
            (SELECT al.wearer_id FROM alert al
             WHERE al.id = p.body #>> '{data,alertId}' AND al.clinic_id = p.clinic_id)) AS wearer_id
    FROM (SELECT id, clinic_id, CAST(body AS jsonb) AS body FROM webhook_delivery) p
) found
WHERE d.id = found.id AND found.wearer_id IS NOT NULL;

UPDATE webhook_digest_item SET wearer_id = CAST(alert AS jsonb) ->> 'wearerId';

CREATE INDEX webhook_delivery_wearer_idx ON webhook_delivery (clinic_id, wearer_id) WHERE wearer_id IS NOT NULL;
CREATE INDEX webhook_digest_wearer_idx ON webhook_digest_item (clinic_id, wearer_id) WHERE wearer_id IS NOT NULL;

-- The erasures carried out here. Holds no health data: ids, what was removed (counts by kind) and when.
-- It is also the list of erased wearers: alerts still arriving for one of them are dropped, and a request
-- read again answers what was recorded the first time. A wearer may have more than one (a clinic erasing
-- again after the journal was restored from an older backup), hence no unique wearer.
CREATE TABLE erasure (
    id           VARCHAR(64)  PRIMARY KEY,
    clinic_id    VARCHAR(64)  NOT NULL,
    wearer_id    VARCHAR(128) NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL,
    -- records removed by kind, JSON {"kind": count}
    removed      TEXT         NOT NULL,
    completed_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX erasure_wearer_idx ON erasure (clinic_id, wearer_id);
