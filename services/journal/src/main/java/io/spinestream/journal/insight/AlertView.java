package io.spinestream.journal.insight;

import com.fasterxml.jackson.core.type.TypeReference;
import io.spinestream.journal.shared.JsonColumns;

import java.time.Instant;
import java.util.Map;

/** An alert the journal raised, as the API shows it (the same facts as its alert event). */
public record AlertView(String alertId, String kind, String code, String severity, String rule, String reason,
                        Instant at, Double value, Double limit, String unit, String painEntryId,
                        Map<String, String> details) {

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };

    public static AlertView of(JournalAlert a) {
        return new AlertView(a.alertId, a.kind, a.code, a.severity, a.rule, a.reason, a.occurredAt, a.value, a.limit,
                a.unit, a.painEntryId, JsonColumns.read(a.details, DETAILS));
    }
}
