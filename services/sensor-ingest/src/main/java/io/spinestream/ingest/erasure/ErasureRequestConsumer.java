package io.spinestream.ingest.erasure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.topic.Topics;
import io.spinestream.platform.erasure.ErasureRequestHandler;
import io.spinestream.platform.erasure.ReceiptSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Locale;

/**
 * sensor-ingest as an erasure participant: every request read from the erasure-requests topic is carried
 * out by {@link WearerDataEraser} and answered with a receipt on the erasure-receipts topic, acknowledged by
 * Kafka before the request's offset is committed ({@link ErasureRequestHandler}). Counted in
 * {@code spinestream_ingest_erasure_requests_total} by outcome.
 */
@ApplicationScoped
public class ErasureRequestConsumer {

    private final ErasureRequestHandler handler;
    private final MeterRegistry registry;

    @Inject
    public ErasureRequestConsumer(WearerDataEraser eraser,
                                  @Channel("erasure-receipts-out") MutinyEmitter<Event<?>> receipts,
                                  MeterRegistry registry) {
        this.handler = new ErasureRequestHandler(Topics.SENSOR_INGEST, eraser, ReceiptSender.kafka(receipts));
        this.registry = registry;
    }

    /** {@code event} is null for a tombstone or a record that is not a readable CloudEvent. */
    @Incoming("erasure-requests-in")
    public Uni<Void> consume(Event<?> event) {
        return handler.handle(event)
                .invoke(outcome -> Counter.builder("spinestream.ingest.erasure.requests")
                        .description("Records read from the erasure-requests topic, by what became of them")
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry)
                        .increment())
                .replaceWithVoid();
    }
}
