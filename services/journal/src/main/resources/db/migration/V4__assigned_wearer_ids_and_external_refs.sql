-- Wearer ids are assigned by the journal from now on (`w-` + 26 base32 characters of 128 random bits):
-- they stay globally unique (the platform keys wearer-profile events, belt assignments and wearer tokens
-- by them) without a client ever choosing one, so a taken id can no longer tell one clinic that another
-- holds it. Ids of existing wearers do not change.
--
-- The clinic's own reference (e.g. its patient number) is `external_ref`: unique within the clinic only,
-- so two clinics may both use the same one. Several wearers without one are fine (NULLs are distinct).
ALTER TABLE wearer ADD COLUMN external_ref VARCHAR(64);
ALTER TABLE wearer ADD CONSTRAINT wearer_clinic_external_ref_key UNIQUE (clinic_id, external_ref);

-- The list of a clinic's wearers is newest enrolment first.
CREATE INDEX wearer_clinic_created_idx ON wearer (clinic_id, created_at, id);

-- A wearer whose current profile version was never put on the wearer-profiles topic. Only wearers of
-- before V2 are: V2 gave them version 1 without an event; every later version was written to the outbox
-- with its cause. ProfileBackfill publishes their current version and clears the mark.
ALTER TABLE wearer ADD COLUMN profile_event_due BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE wearer w SET profile_event_due = TRUE
FROM wearer_profile_version v
WHERE v.wearer_id = w.id AND v.version = w.profile_version
  AND v.changed_by = 'migration' AND v.reason = 'profile before versioning';
CREATE INDEX wearer_profile_event_due_idx ON wearer (id) WHERE profile_event_due;
