-- Right to erasure (docs/privacy.md): the erasures carried out here, so that a request read again
-- answers what was removed the first time and nothing of the wearer is recorded again. Ids, counts
-- and a time only: never health data.
CREATE TABLE wearer_erasure (
    erasure_id   VARCHAR(64)  PRIMARY KEY,
    clinic_id    VARCHAR(64)  NOT NULL,
    wearer_id    VARCHAR(64)  NOT NULL,
    removed      JSONB        NOT NULL,
    completed_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX wearer_erasure_wearer ON wearer_erasure (wearer_id, clinic_id);

-- The advisory lock of one wearer of one clinic. An erasure holds it exclusively for its whole
-- transaction; whatever records the wearer (an assignment, a telemetry key, a fleet alert) holds it
-- shared through wearer_recordable, so the two never interleave.
CREATE FUNCTION wearer_lock_key(p_clinic TEXT, p_wearer TEXT) RETURNS BIGINT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT hashtextextended(p_clinic || '/' || p_wearer, 0) $$;

-- Whether something of the wearer may still be recorded in the caller's transaction: false once the
-- clinic erased them; true for no wearer (null). Waits for an erasure of the wearer in progress, and
-- makes one that starts later wait until the caller commits, so that the erasure sees (and removes)
-- what the caller wrote. VOLATILE: under READ COMMITTED the check below runs on a fresh snapshot,
-- taken after the lock, and so sees an erasure that committed while the caller waited.
CREATE FUNCTION wearer_recordable(p_clinic TEXT, p_wearer TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql VOLATILE
    AS $$
BEGIN
    IF p_wearer IS NULL OR p_clinic IS NULL THEN
        RETURN TRUE;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(wearer_lock_key(p_clinic, p_wearer));
    RETURN NOT EXISTS (SELECT 1 FROM wearer_erasure e WHERE e.wearer_id = p_wearer AND e.clinic_id = p_clinic);
END
$$;
