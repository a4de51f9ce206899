package io.spinestream.notification.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.Alert;
import io.spinestream.notification.webhook.DeliveryScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Takes in every alert from the alerts topic (consumer group of its own; the haptic router reads
 * the same topic separately so the vibration never waits for the database). Each event is
 * recorded, with its webhook deliveries and feed message, in one transaction; its offset is
 * acknowledged only after that transaction committed. A redelivered event id is dropped, and so is
 * an alert of a wearer the clinic erased.
 */
@ApplicationScoped
public class AlertIntake {

    /** Name under which this consumer's handled event ids are kept. */
    static final String CONSUMER = "alerts";

    private static final Logger LOG = Logger.getLogger(AlertIntake.class);

    @Inject
    AlertRecorder recorder;

    @Inject
    IntakeConfig config;

    @Inject
    DeliveryScheduler deliveries;

    private final Counter recorded;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter erasedWearer;

    @Inject
    public AlertIntake(MeterRegistry registry) {
        recorded = intake(registry, "recorded");
        duplicates = intake(registry, "duplicate");
        rejected = intake(registry, "rejected");
        erasedWearer = intake(registry, "erased_wearer");
    }

    private static Counter intake(MeterRegistry registry, String outcome) {
        return Counter.builder("notification.alerts.received")
                .description("Alerts taken from the alerts topic, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Incoming("alerts")
    public Uni<Void> consume(Message<Event<?>> message) {
        Event<?> event = message.getPayload();
        Optional<String> invalid = problemWith(event);
        if (invalid.isPresent()) {
            // Not an alert this contract can store: retrying cannot fix it, and it must not block the partition.
            rejected.increment();
            LOG.warnf("rejected record on the alerts topic (event %s): %s",
                    event == null ? "unreadable" : event.id(), invalid.get());
            return Uni.createFrom().completionStage(message::ack);
        }
        Alert alert = (Alert) event.data();
        IntakeConfig.Retry retry = config.retry();
        return Panache.withTransaction(() -> recorder.record(CONSUMER, event.id(), event.type().type(),
                        event.clinicId(), alert))
                .onFailure().invoke(failure -> LOG.warnf("could not record alert event %s, retrying: %s",
                        event.id(), failure.getMessage()))
                .onFailure().retry().withBackOff(retry.initialBackoff(), retry.maxBackoff())
                .atMost(retry.maxAttempts())
                .onItem().invoke(outcome -> {
                    switch (outcome) {
                        case RECORDED -> {
                            recorded.increment();
                            deliveries.wake();
                        }
                        case DUPLICATE -> duplicates.increment();
                        case ERASED_WEARER -> erasedWearer.increment();
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(message::ack))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(() -> message.nack(failure)));
    }

    private static Optional<String> problemWith(Event<?> event) {
        if (event == null) {
            return Optional.of("not a valid CloudEvent of a type this contract knows");
        }
        if (!(event.data() instanceof Alert alert)) {
            return Optional.of("type " + event.type().type() + " does not carry an alert");
        }
        if (tooLong(event.clinicId(), 64) || tooLong(alert.alertId(), 128) || tooLong(alert.code(), 128)
                || tooLong(alert.beltId(), 64) || tooLong(alert.wearerId(), 128) || tooLong(alert.sessionId(), 128)
                || tooLong(alert.activity(), 64) || tooLong(alert.unit(), 32)) {
            return Optional.of("an identifier or code is longer than notification stores");
        }
        return Optional.empty();
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }
}
