package io.spinestream.analysis.erasure;

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
 * Form analysis as an erasure participant: each request read from the erasure-requests topic (group
 * {@code form-analysis-erasures}, from the beginning) is carried out by {@link WearerDataEraser} and its
 * receipt sent; the request is acknowledged only once the broker has the receipt.
 */
@ApplicationScoped
public class ErasureRequestConsumer {

    /** Outgoing channel of the receipts (topic mapped in application.properties). */
    static final String RECEIPTS = "erasure-receipts-out";

    private final ErasureRequestHandler handler;
    private final MeterRegistry registry;

    @Inject
    public ErasureRequestConsumer(WearerDataEraser eraser, @Channel(RECEIPTS) MutinyEmitter<Event<?>> receipts,
                                  MeterRegistry registry) {
        this.handler = new ErasureRequestHandler(Topics.FORM_ANALYSIS, eraser, ReceiptSender.kafka(receipts));
        this.registry = registry;
    }

    @Incoming("erasure-requests-in")
    public Uni<Void> consume(Event<?> event) {
        return handler.handle(event)
                .invoke(outcome -> registry.counter("form_analysis_erasure_requests", "outcome",
                        outcome.name().toLowerCase(Locale.ROOT)).increment())
                .replaceWithVoid();
    }
}
