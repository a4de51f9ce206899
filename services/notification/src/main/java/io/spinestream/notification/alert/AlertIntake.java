package io.spinestream.notification.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.Alert;
import io.spinestream.notification.webhook.DeliveryHandoff;
import io.spinestream.notification.webhook.DeliveryScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.pgclient.PgException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes in every alert from the alerts topic (consumer group of its own; the haptic router reads
 * the same topic separately so the vibration never waits for the database). The alerts of a poll
 * are recorded, with their webhook deliveries and feed messages, in one transaction; their offsets
 * are acknowledged only after that transaction committed. A redelivered event id is dropped, and so
 * is an alert of a wearer the clinic erased.
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

    /**
     * A poll's alerts together: recorded in one transaction, acknowledged after it committed, then
     * one wake of the dispatcher. A batch the database refuses for one of its values is recorded
     * one alert at a time instead, so that only that alert is rejected.
     */
    @Incoming("alerts")
    public Uni<Void> consume(KafkaRecordBatch<String, Event<?>> batch) {
        List<AlertRecorder.Incoming> alerts = new ArrayList<>();
        for (KafkaRecord<String, Event<?>> record : batch) {
            Event<?> event = record.getPayload();
            Optional<String> invalid = problemWith(event);
            if (invalid.isPresent()) {
                // Not an alert this contract can store: retrying cannot fix it, and it must not block the partition.
                rejected.increment();
                LOG.warnf("rejected record on the alerts topic (event %s): %s",
                        event == null ? "unreadable" : event.id(), invalid.get());
            } else {
                alerts.add(new AlertRecorder.Incoming(event.id(), event.type().type(), event.clinicId(),
                        (Alert) event.data()));
            }
        }
        Uni<List<AlertRecorder.Outcome>> recorded = alerts.isEmpty() ? Uni.createFrom().item(List.of())
                : recordTogether(alerts).onFailure(AlertIntake::refusedValue).recoverWithUni(failure -> {
                    LOG.warnf("the database refused a batch of %d alerts (%s); recording them one by one",
                            alerts.size(), refusal(failure));
                    return recordOneByOne(alerts);
                });
        return recorded
                .invoke(this::count)
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(() -> batch.nack(failure)));
    }

    /**
     * Records the alerts in one transaction; once it committed, the deliveries it claimed for this
     * instance are attempted at once (the rest wait for the dispatcher's next pass, woken now).
     */
    private Uni<List<AlertRecorder.Outcome>> recordTogether(List<AlertRecorder.Incoming> alerts) {
        return retried(Uni.createFrom().deferred(() -> {
            // A fresh handoff per attempt: what a rolled-back transaction claimed was never stored.
            DeliveryHandoff handoff = deliveries.handoff();
            return Panache.withTransaction(() -> recorder.recordAll(CONSUMER, alerts, handoff))
                    .invoke(() -> deliveries.dispatch(handoff));
        }), alerts.size() + " alerts from " + alerts.get(0).eventId());
    }

    private Uni<List<AlertRecorder.Outcome>> recordOneByOne(List<AlertRecorder.Incoming> alerts) {
        return Multi.createFrom().iterable(alerts)
                .onItem().transformToUniAndConcatenate(alert -> recordTogether(List.of(alert))
                        .map(outcomes -> outcomes.get(0))
                        .onFailure(AlertIntake::refusedValue).recoverWithItem(failure -> {
                            LOG.warnf("rejected alert event %s: the database refused it (%s)", alert.eventId(),
                                    refusal(failure));
                            return AlertRecorder.Outcome.REJECTED;
                        }))
                .collect().asList();
    }

    /** Retries what the database could not do now (unreachable, restarting); not what it refused. */
    private <T> Uni<T> retried(Uni<T> work, String what) {
        IntakeConfig.Retry retry = config.retry();
        return work
                .onFailure(failure -> !refusedValue(failure)).invoke(failure -> LOG.warnf(
                        "could not record %s, retrying: %s", what, failure.getMessage()))
                .onFailure(failure -> !refusedValue(failure)).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff()).atMost(retry.maxAttempts());
    }

    private void count(List<AlertRecorder.Outcome> outcomes) {
        for (AlertRecorder.Outcome outcome : outcomes) {
            switch (outcome) {
                case RECORDED -> recorded.increment();
                case DUPLICATE -> duplicates.increment();
                case ERASED_WEARER -> erasedWearer.increment();
                case REJECTED -> rejected.increment();
            }
        }
    }

    // The code only: the database's message may quote the refused value, which may be health data.
    private static String refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return "SQLSTATE " + pg.getSqlState();
            }
        }
        return failure.getClass().getSimpleName();
    }

    /**
     * Whether the database refused a value (SQLSTATE class 22, data exception, or 23, integrity
     * constraint violation): the same statement fails again however often it is retried.
     */
    static boolean refusedValue(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
            if (cause instanceof ConstraintViolationException || cause instanceof DataException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
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
