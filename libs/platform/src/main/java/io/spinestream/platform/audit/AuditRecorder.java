package io.spinestream.platform.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.spinestream.events.audit.AuditEvents;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.AccessRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Puts audit records on the channel {@value #CHANNEL}, which every service maps to the registry's audit
 * topic in its application.properties, keyed by clinic. The answer completes when Kafka acknowledged the
 * record, or fails (after {@link AuditConfig#ackTimeout()} at the latest). Every outcome is counted:
 * {@code spinestream_audit_records_total{access="read"|"write", outcome="recorded"|"failed"}}.
 */
@ApplicationScoped
public class AuditRecorder {

    /** The outgoing channel of audit records. */
    public static final String CHANNEL = "audit-out";

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);

    private final MutinyEmitter<Event<?>> emitter;
    private final MeterRegistry registry;
    private final AuditConfig config;

    @Inject
    public AuditRecorder(@Channel(CHANNEL) MutinyEmitter<Event<?>> emitter, MeterRegistry registry,
                         AuditConfig config) {
        this.emitter = emitter;
        this.registry = registry;
        this.config = config;
    }

    /** Sends the record; the Uni tells whether Kafka acknowledged it in time (true) or not (false). */
    public Uni<Boolean> record(AccessRecorded record) {
        String access = record.action().isRead() ? "read" : "write";
        Event<AccessRecorded> event = AuditEvents.recorded(record);
        Uni<Void> sent;
        try {
            sent = emitter.sendMessage(Message.<Event<?>>of(event).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(event.subject()).build()));
        } catch (RuntimeException e) {
            // a full buffer or a channel that failed: refused at once
            sent = Uni.createFrom().failure(e);
        }
        return sent.ifNoItem().after(config.ackTimeout()).fail()
                .map(ok -> {
                    count(access, "recorded");
                    return true;
                })
                .onFailure().recoverWithItem(failure -> {
                    count(access, "failed");
                    // The record holds ids only: logged, it is the trail's fallback for an operator.
                    LOG.errorf("audit record %s not acknowledged (%s): clinic=%s subject=%s role=%s wearer=%s"
                                    + " action=%s operation=%s resourceId=%s status=%d",
                            record.recordId(), failure.getClass().getSimpleName(), record.clinicId(),
                            record.subject(), record.role(), record.wearerId(), record.action().code(),
                            record.operation(), record.resourceId(), record.status());
                    return false;
                });
    }

    /** An access no clinic can be named for (no valid token): not a record of any clinic's trail. */
    void unattributed(int status) {
        registry.counter("spinestream.audit.unattributed", "status", Integer.toString(status)).increment();
    }

    private void count(String access, String outcome) {
        registry.counter("spinestream.audit.records", "access", access, "outcome", outcome).increment();
    }
}
