package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.util.List;

/**
 * Outcome of reading a telemetry batch: either a batch that keeps every rule, or the rules
 * it breaks (never both, never neither).
 *
 * @param batch      the valid batch; {@code null} when there are violations
 * @param violations every broken rule; empty when the batch is valid
 */
public record TelemetryParseResult(TelemetryBatch batch, List<Violation> violations) {

    public TelemetryParseResult {
        violations = violations == null ? List.of() : List.copyOf(violations);
        if ((batch == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("a result has either a batch or violations");
        }
    }

    public static TelemetryParseResult valid(TelemetryBatch batch) {
        return new TelemetryParseResult(batch, List.of());
    }

    public static TelemetryParseResult invalid(List<Violation> violations) {
        return new TelemetryParseResult(null, violations);
    }

    public boolean isValid() {
        return batch != null;
    }

    /** The batch, or {@link InvalidTelemetryException} listing the violations. */
    public TelemetryBatch orElseThrow() {
        if (batch == null) {
            throw new InvalidTelemetryException(violations);
        }
        return batch;
    }
}
