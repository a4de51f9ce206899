package io.spinestream.events.telemetry;

import java.util.List;

/** A telemetry batch broke rules of the wire contract; {@link #violations()} says which. */
public class InvalidTelemetryException extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidTelemetryException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every broken rule, at least one. */
    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        StringBuilder text = new StringBuilder("Invalid telemetry batch:");
        int shown = Math.min(violations.size(), 5);
        for (int i = 0; i < shown; i++) {
            Violation v = violations.get(i);
            text.append(' ').append(v.field().isEmpty() ? "(batch)" : v.field())
                    .append(" [").append(v.rule()).append("] ").append(v.message());
            if (i < shown - 1) {
                text.append(';');
            }
        }
        if (violations.size() > shown) {
            text.append(" … and ").append(violations.size() - shown).append(" more");
        }
        return text.toString();
    }
}
