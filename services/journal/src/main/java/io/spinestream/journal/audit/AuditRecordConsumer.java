package io.spinestream.journal.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.audit.AuditEvents;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.platform.erasure.ErasureRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Every service's audit records, the journal's own included, into the stored trail: each once (the record id
 * is the key, a record read again is a duplicate). Records that are not audit records, or whose payload names
 * another clinic or id than their event, are skipped and counted. A database failure is retried; if it
 * persists the channel fails (readiness says so) and the uncommitted records are read again after the restart,
 * so none is lost.
 */
@ApplicationScoped
public class AuditRecordConsumer {

    private static final Logger LOG = Logger.getLogger(AuditRecordConsumer.class);

    private final AuditTrail trail;
    private final MeterRegistry registry;

    @Inject
    public AuditRecordConsumer(AuditTrail trail, MeterRegistry registry) {
        this.trail = trail;
        this.registry = registry;
    }

    @Incoming("audit-in")
    public Uni<Void> consume(Event<?> event) {
        Optional<AccessRecorded> record = AuditEvents.record(event);
        if (record.isEmpty()) {
            count("skipped_not_a_record");
            if (event != null) {
                LOG.warnf("record %s on the audit topic is not an audit record of its clinic: skipped", event.id());
            }
            return Uni.createFrom().voidItem();
        }
        return ErasureRetry.DEFAULT.run(() -> trail.append(record.get()))
                .invoke(stored -> count(stored ? "stored" : "duplicate"))
                .replaceWithVoid();
    }

    private void count(String outcome) {
        registry.counter("journal.audit.records", "outcome", outcome).increment();
    }
}
