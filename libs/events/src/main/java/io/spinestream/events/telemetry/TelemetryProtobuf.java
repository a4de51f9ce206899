package io.spinestream.events.telemetry;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.util.List;

/**
 * The Protobuf encoding of a telemetry batch ({@code application/x-protobuf}), read with the
 * same outcome type as {@link TelemetryJson} so ingest handles both bodies alike.
 */
public final class TelemetryProtobuf {

    private TelemetryProtobuf() {
    }

    /** Decodes and validates a batch; never throws for bad input. */
    public static TelemetryParseResult parse(byte[] body) {
        TelemetryBatch batch;
        try {
            batch = TelemetryBatch.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            return TelemetryParseResult.invalid(List.of(new Violation("", Violation.SYNTAX,
                    "The body must be a TelemetryBatch in Protocol Buffers encoding: " + e.getMessage())));
        }
        return TelemetryValidator.check(batch);
    }
}
