package io.spinestream.journal.wearer;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.journal.shared.JsonColumns;

import java.util.List;

/** The wearer-profile event of a wearer's current profile version. */
final class ProfileEvents {

    private ProfileEvents() {
    }

    /** Id {@code EventIds.of(WEARER_PROFILE, wearerId, version)}: one event per version, however often built. */
    static Event<WearerProfile> of(Wearer wearer) {
        WearerProfile profile = new WearerProfile(wearer.id, wearer.clinicId, List.of(wearer.conditions),
                JsonColumns.read(wearer.limits, Limits.class), wearer.birthYear, wearer.profileVersion,
                wearer.updatedAt);
        return Event.of(EventType.WEARER_PROFILE,
                EventIds.of(EventType.WEARER_PROFILE, wearer.id, Long.toString(wearer.profileVersion)),
                EventSources.JOURNAL, wearer.id, wearer.clinicId, wearer.updatedAt, profile);
    }
}
