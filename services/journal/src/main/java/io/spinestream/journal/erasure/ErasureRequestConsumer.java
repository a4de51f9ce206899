package io.spinestream.journal.erasure;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.outbox.Outbox;
import io.spinestream.journal.outbox.OutboxRelay;
import io.spinestream.platform.erasure.ErasureRequestHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Locale;

/**
 * The journal as an erasure participant, like every other service: each request read from the topic is
 * carried out ({@link ErasureService#carryOut}) and its receipt sent through the outbox. Requests made
 * here were carried out with the request itself, so this re-sends the same receipt (the outbox and the
 * consumers drop it); a request unknown here — the database was restored from an older backup and the
 * consumer group rewound — is carried out again.
 */
@ApplicationScoped
public class ErasureRequestConsumer {

    private final ErasureRequestHandler handler;
    private final MeterRegistry registry;

    @Inject
    public ErasureRequestConsumer(ErasureService service, Outbox outbox, OutboxRelay relay, MeterRegistry registry) {
        this.registry = registry;
        this.handler = new ErasureRequestHandler(Topics.JOURNAL, service::carryOut,
                receipt -> Panache.withTransaction(() -> outbox.add(receipt, receipt.subject())).invoke(relay::wake));
    }

    @Incoming("erasure-requests-in")
    public Uni<Void> consume(Event<?> event) {
        return handler.handle(event)
                .invoke(outcome -> registry.counter("journal.erasure.requests", "outcome",
                        outcome.name().toLowerCase(Locale.ROOT)).increment())
                .replaceWithVoid();
    }
}
