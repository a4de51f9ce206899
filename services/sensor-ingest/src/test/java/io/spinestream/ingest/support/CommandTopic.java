package io.spinestream.ingest.support;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.BeltCommand;
import io.spinestream.events.payload.HapticPattern;
import io.spinestream.events.topic.Topics;

import java.time.Instant;

/** Publishes belt commands as notification does: CloudEvents on the belt-commands topic, keyed by belt. */
public final class CommandTopic implements AutoCloseable {

    private final EventProducer producer;

    public CommandTopic(String bootstrapServers) {
        producer = new EventProducer(bootstrapServers);
    }

    public static BeltCommand command(String commandId, String beltId, String clinicId, Instant issuedAt,
                                      Instant expiresAt) {
        return new BeltCommand(commandId, beltId, clinicId, HapticPattern.TWO_SHORT, "alert-" + commandId,
                "ROUNDED_BACK", issuedAt, expiresAt);
    }

    /** A command for the belt, live for the next minute. */
    public void publishLive(String commandId, String beltId, String clinicId) {
        Instant now = Instant.now();
        publish(clinicId, command(commandId, beltId, clinicId, now, now.plusSeconds(60)));
    }

    /** Publishes under the envelope's clinic {@code clinicId} and waits for the broker's acknowledgement. */
    public void publish(String clinicId, BeltCommand command) {
        publishAt(null, clinicId, command);
    }

    /** As {@link #publish}, with the record's timestamp set to {@code timestamp} (null: the producer's clock). */
    public void publishAt(Instant timestamp, String clinicId, BeltCommand command) {
        Event<BeltCommand> event = Event.of(EventType.BELT_COMMAND, command.commandId(), EventSources.NOTIFICATION,
                command.beltId(), clinicId, command);
        producer.send(Topics.BELT_COMMANDS.name(), command.beltId(), event, timestamp);
    }

    @Override
    public void close() {
        producer.close();
    }
}
