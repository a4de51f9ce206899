package io.spinestream.ingest.telemetry;

import io.spinestream.ingest.downlink.CommandView;

import java.time.Instant;
import java.util.List;

/**
 * The answer to an accepted batch, sent only after Kafka acknowledged it. A re-sent batch gets
 * the same acknowledgement (same {@code receivedAt}).
 *
 * @param beltId     the belt
 * @param seq        the batch's sequence number
 * @param receivedAt when the batch was first accepted
 * @param commands   commands waiting for the belt, handed out with this answer and never again
 *                   (belts that poll instead of holding a command stream); usually empty
 */
public record TelemetryAck(String beltId, long seq, Instant receivedAt, List<CommandView> commands) {
}
