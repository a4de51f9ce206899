package io.spinestream.notification.haptics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.BeltCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The fast path: a form alert in, a belt command out. Reads the alerts topic in a consumer group
 * of its own, touches no database and waits for nothing but the broker: the decision is in memory
 * ({@link HapticPolicy}), the command is sent at once, and the alert's offset is acknowledged when
 * the broker acknowledged the command — so a crash before that re-routes the alert, and its
 * command (same id, derived from the alert) is one a belt can recognise as already played.
 */
@ApplicationScoped
public class HapticRouter {

    /** Outgoing channel of belt commands (topic mapped in application.properties). */
    static final String COMMANDS = "belt-commands";

    private static final Logger LOG = Logger.getLogger(HapticRouter.class);

    private final HapticPolicy policy;
    private final Duration commandTtl;
    private final InstantSource clock;
    private final Emitter<Event<BeltCommand>> commands;
    private final Map<HapticPolicy.Outcome, Counter> outcomes = new EnumMap<>(HapticPolicy.Outcome.class);
    private final Counter failed;
    private final Timer routeLatency;

    @Inject
    public HapticRouter(HapticsConfig config, InstantSource clock, MeterRegistry registry,
                        @Channel(COMMANDS) Emitter<Event<BeltCommand>> commands) {
        this.policy = new HapticPolicy(config.throttleWindow(), config.staleAfter(), config.dedupMemory(),
                config.dedupCapacity());
        this.commandTtl = config.commandTtl();
        this.clock = clock;
        this.commands = commands;
        for (HapticPolicy.Outcome outcome : HapticPolicy.Outcome.values()) {
            outcomes.put(outcome, Counter.builder("notification.haptic.commands")
                    .description("Form alerts seen by the haptic router, by what became of them "
                            + "(emitted, throttled, late, duplicate, stale, silent)")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
        failed = Counter.builder("notification.haptic.commands")
                .tag("outcome", "failed")
                .register(registry);
        routeLatency = Timer.builder("notification.haptic.route")
                .description("From an alert's publication to its belt command acknowledged by the broker")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    HapticPolicy policy() {
        return policy;
    }

    @Incoming("haptic-alerts")
    public CompletionStage<Void> route(Message<Event<?>> message) {
        Event<?> event = message.getPayload();
        if (event == null || !(event.data() instanceof Alert alert) || alert.beltId() == null
                || (event.type() != EventType.FORM_FAULT && event.type() != EventType.FORM_ADVISORY)) {
            return message.ack();
        }
        Instant now = clock.instant();
        Instant publishedAt = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTimestamp).orElse(null);
        HapticPolicy.Decision decision = policy.decide(alert.beltId(), alert, publishedAt, now);
        outcomes.get(decision.outcome()).increment();
        if (decision.outcome() != HapticPolicy.Outcome.EMITTED) {
            return message.ack();
        }

        String commandId = EventIds.of(EventType.BELT_COMMAND, alert.alertId());
        BeltCommand command = new BeltCommand(commandId, alert.beltId(), event.clinicId(), decision.pattern(),
                alert.alertId(), alert.code(), now, now.plus(commandTtl));
        Event<BeltCommand> out = Event.of(EventType.BELT_COMMAND, commandId, EventSources.NOTIFICATION,
                alert.beltId(), event.clinicId(), now, command);
        Message<Event<BeltCommand>> outgoing = Message.of(out)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(alert.beltId()).build())
                .withAck(() -> {
                    if (publishedAt != null) {
                        routeLatency.record(Duration.between(publishedAt, clock.instant()));
                    }
                    return message.ack();
                })
                .withNack(failure -> {
                    failed.increment();
                    LOG.warnf("belt command %s not published: %s", commandId, failure.getMessage());
                    return message.nack(failure);
                });
        try {
            commands.send(outgoing);
        } catch (RuntimeException e) {
            // Emitter buffer full (broker unreachable for a while): this command would be stale anyway.
            failed.increment();
            LOG.warnf("belt command %s dropped: %s", commandId, e.getMessage());
            return message.ack();
        }
        // Acknowledged with the command, not now: the next alert must not wait for this one.
        return CompletableFuture.completedFuture(null);
    }
}
