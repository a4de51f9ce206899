package io.spinestream.ingest.downlink;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.BeltCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Reads the belt-commands topic. Every instance reads all of it (its own consumer group, see
 * application.properties), because only the instance holding a belt's stream can push to it;
 * {@link CommandReplay} positions it on every assignment, so nothing published meanwhile is skipped.
 */
@ApplicationScoped
public class BeltCommandConsumer {

    private static final Logger LOG = Logger.getLogger(BeltCommandConsumer.class);

    private final CommandDelivery delivery;
    private final DownlinkMetrics metrics;

    @Inject
    public BeltCommandConsumer(CommandDelivery delivery, DownlinkMetrics metrics) {
        this.delivery = delivery;
        this.metrics = metrics;
    }

    /** {@code event} is null for a record that is not a readable CloudEvent of a known type. */
    @Incoming("belt-commands")
    public Uni<Void> consume(Event<?> event) {
        if (event == null || event.type() != EventType.BELT_COMMAND) {
            metrics.count("unreadable", 1);
            return Uni.createFrom().voidItem();
        }
        BeltCommand command = event.dataAs(BeltCommand.class);
        if (command.issuedAt() != null) {
            metrics.arrived(command.issuedAt(), Instant.now());
        }
        // The envelope's clinic is authoritative: a command is only stored for a belt of that clinic.
        return delivery.accept(event.clinicId(), command)
                .onFailure().invoke(e -> {
                    metrics.count("failed", 1);
                    LOG.warnf("command %s for belt %s dropped undelivered: %s", command.commandId(),
                            command.beltId(), e.toString());
                })
                .onFailure().recoverWithNull();
    }
}
