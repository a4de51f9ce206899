package io.spinestream.journal.insight;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;
import io.spinestream.journal.outbox.Outbox;
import io.spinestream.journal.shared.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Raises a journal alert within the caller's transaction: the ledger row and the alert event
 * (outbox). The id is deterministic from the cause (docs/events.md: the pain entry id, or the
 * wearer and the period or session the rule covers; and the code), so a cause found again is not
 * raised again.
 */
@ApplicationScoped
public class AlertRaiser {

    private final JournalAlertRepository alerts;
    private final Outbox outbox;

    @Inject
    public AlertRaiser(JournalAlertRepository alerts, Outbox outbox) {
        this.alerts = alerts;
        this.outbox = outbox;
    }

    /**
     * What to raise.
     *
     * @param cause for a red flag the pain entry id; for an advisory what it covers (week, streak,
     *              episode, session), made unique by the wearer
     */
    public record Raise(String clinicId, String wearerId, String kind, String code, Severity severity, String rule,
                        String cause, String reason, Instant at, Double value, Double limit, String unit,
                        String painEntryId, String activity, Map<String, String> details) {
    }

    /** True if raised now, false if this cause was raised before. Must run inside a transaction. */
    public Uni<Boolean> raise(Raise raise) {
        boolean redFlag = JournalAlert.RED_FLAG.equals(raise.kind());
        EventType type = redFlag ? EventType.JOURNAL_RED_FLAG : EventType.JOURNAL_ADVISORY;
        String id = redFlag ? EventIds.of(type, raise.cause(), raise.code())
                : EventIds.of(type, raise.wearerId(), raise.cause(), raise.code());
        return alerts.findById(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(false);
            }
            Map<String, String> details = new TreeMap<>(raise.details());
            details.put("rule", raise.rule());
            details.put("cause", raise.cause());
            if (raise.painEntryId() != null) {
                details.put("entryId", raise.painEntryId());
            }
            Instant at = raise.at().truncatedTo(ChronoUnit.MICROS);
            JournalAlert row = new JournalAlert();
            row.alertId = id;
            row.clinicId = raise.clinicId();
            row.wearerId = raise.wearerId();
            row.kind = raise.kind();
            row.code = raise.code();
            row.severity = raise.severity().code();
            row.rule = raise.rule();
            row.cause = raise.cause();
            row.reason = raise.reason();
            row.occurredAt = at;
            row.value = raise.value();
            row.limit = raise.limit();
            row.unit = raise.unit();
            row.painEntryId = raise.painEntryId();
            row.details = JsonColumns.write(details);
            row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Alert alert = new Alert(id, raise.code(), raise.severity(), raise.clinicId(), null, raise.wearerId(),
                    raise.activity(), at, raise.value(), raise.limit(), raise.unit(), false, null, raise.reason(), details);
            Event<Alert> event = Event.of(type, id, EventSources.JOURNAL, raise.wearerId(), raise.clinicId(), at, alert);
            return alerts.persist(row).chain(() -> outbox.add(event, raise.wearerId())).replaceWith(true);
        });
    }
}
