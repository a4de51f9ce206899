package io.spinestream.journal.wearer;

import io.spinestream.events.payload.Limits;
import io.spinestream.journal.shared.JsonColumns;

import java.time.Instant;
import java.util.List;

/**
 * A wearer as the API shows it. {@code externalRef}: the clinic's own reference, null when none;
 * {@code limits}: a null field is not set by the clinician.
 */
public record WearerView(String id, String clinicId, String externalRef, String displayName, Integer birthYear, String timeZone,
                         List<String> conditions, Limits limits, long profileVersion, ConsentView consent,
                         Instant createdAt, Instant updatedAt) {

    /** Consent as recorded; {@code recordedAt}/{@code recordedBy} are absent until someone recorded it. */
    public record ConsentView(boolean ehrExport, Instant recordedAt, String recordedBy) {
    }

    public static WearerView of(Wearer wearer) {
        return new WearerView(wearer.id, wearer.clinicId, wearer.externalRef, wearer.displayName, wearer.birthYear, wearer.timeZone,
                List.of(wearer.conditions), JsonColumns.read(wearer.limits, Limits.class), wearer.profileVersion,
                new ConsentView(wearer.consentEhrExport, wearer.consentRecordedAt, wearer.consentRecordedBy),
                wearer.createdAt, wearer.updatedAt);
    }
}
