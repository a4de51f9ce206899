package io.spinestream.journal.erasure;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.platform.erasure.ErasureRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;

/**
 * The participants' receipts complete their parts of erasures, each once (a receipt read again is a
 * duplicate). Records that are not receipts are skipped. A database failure is retried; if it persists the
 * channel fails (readiness says so) and the uncommitted receipts are read again after the restart.
 */
@ApplicationScoped
public class ErasureReceiptConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureReceiptConsumer.class);

    private final ErasureService service;
    private final MeterRegistry registry;

    @Inject
    public ErasureReceiptConsumer(ErasureService service, MeterRegistry registry) {
        this.service = service;
        this.registry = registry;
    }

    @Incoming("erasure-receipts-in")
    public Uni<Void> consume(Event<?> event) {
        Optional<ErasureCompleted> receipt = ErasureEvents.receipt(event);
        if (receipt.isEmpty()) {
            count("skipped_not_a_receipt");
            return Uni.createFrom().voidItem();
        }
        return ErasureRetry.DEFAULT.run(() -> service.confirm(event, receipt.get()))
                .invoke(outcome -> {
                    count(outcome.name().toLowerCase(Locale.ROOT));
                    if (outcome != ErasureService.ReceiptOutcome.CONFIRMED
                            && outcome != ErasureService.ReceiptOutcome.DUPLICATE) {
                        LOG.infof("erasure receipt %s not recorded: %s", event.id(), outcome);
                    }
                })
                .replaceWithVoid();
    }

    private void count(String outcome) {
        registry.counter("journal.erasure.receipts", "outcome", outcome).increment();
    }
}
