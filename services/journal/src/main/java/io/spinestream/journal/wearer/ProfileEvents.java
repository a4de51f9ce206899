package io.spinestream.journal.wearer;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.journal.shared.JsonColumns;

import java.util.List;

/** The wearer-profile event of one profile version. */
final class ProfileEvents {

    private ProfileEvents() {
    }

    /**
     * Id {@code EventIds.of(WEARER_PROFILE, wearerId, version)}: one event per version, however often
     * built; built from the version's row, so the same version always makes the same event.
     */
    static Event<WearerProfile> of(ProfileVersion version) {
        WearerProfile profile = new WearerProfile(version.wearerId, version.clinicId, List.of(version.conditions),
                JsonColumns.read(version.limits, Limits.class), version.birthYear, version.version,
                version.changedAt);
        return Event.of(EventType.WEARER_PROFILE,
                EventIds.of(EventType.WEARER_PROFILE, version.wearerId, Long.toString(version.version)),
                EventSources.JOURNAL, version.wearerId, version.clinicId, version.changedAt, profile);
    }
}
