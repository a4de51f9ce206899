package io.spinestream.simulator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.spinestream.simulator.belt.BeltMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/** The summary of a run: text for people, JSON for scripts ({@code --report}). */
public final class Report {

    private Report() {
    }

    /** The summary as lines of text. */
    public static String text(Simulation.Settings s, Simulation.Result r) {
        BeltMetrics.Snapshot m = r.metrics();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Simulated %,d belt%s for %.1f s%s: scenario %s%s, %d Hz, a batch every %d ms (%s),"
                        + " fault rate %.2f, duplicates %.2f, seed %d%n",
                r.belts(), r.belts() == 1 ? "" : "s", r.ran().toMillis() / 1000.0,
                r.endedEarly() ? " (ended early)" : "", s.scenario().code(),
                s.scenario().code().equals("mixed") ? " (" + r.scenarios().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")" : "",
                s.rateHz(), s.batchInterval().toMillis(), s.protobuf() ? "Protobuf" : "JSON", s.faultRate(),
                s.duplicateRate(), s.seed()));
        sb.append("Telemetry\n");
        line(sb, "batches accepted", m.batchesAccepted(), String.format(Locale.ROOT, "%,d samples, %.1f MB",
                m.samplesAccepted(), m.bytesAccepted() / 1e6));
        line(sb, "re-sent (duplicates)", m.duplicatesSent(),
                "acknowledged with their first receipt: " + m.duplicatesAcknowledged());
        sb.append(String.format(Locale.ROOT, "  %-24s %s%n", "upload → answer", latencies(m.uploadLatency())));
        line(sb, "command streams open", r.streamsUp(), String.format(Locale.ROOT, "of %,d", r.belts()));
        line(sb, "largest backlog", m.maxBacklog(), "batches queued on one belt");
        sb.append("Faults and haptic commands\n");
        line(sb, "faults injected", m.injectedTotal(), counts(m.injected()));
        line(sb, "commands received", m.commandsTotal(),
                "on the stream " + m.commandsOnStream() + ", with an upload answer " + m.commandsPolled());
        line(sb, "matched to a fault", m.matchedTotal(), "of " + m.injectedTotal() + " injected");
        line(sb, "missing", m.missingTotal(), m.missingTotal() == 0 ? "" : "no command within "
                + s.commandTimeout().toSeconds() + " s: " + counts(m.missing()));
        line(sb, "unexpected", m.unexpectedTotal(), m.unexpectedTotal() == 0 ? "" : "raised where none was injected: "
                + counts(m.unexpected()));
        if (m.advisoriesTotal() > 0) {
            line(sb, "advisories", m.advisoriesTotal(), counts(m.advisories()));
        }
        if (m.commandsUnattributed() > 0) {
            line(sb, "unattributed", m.commandsUnattributed(), "commands for no batch of this run");
        }
        sb.append(String.format(Locale.ROOT, "  %-24s %s%n", "batch sent → command", latencies(m.hapticLatency())));
        sb.append("Wearers\n");
        line(sb, "repetitions", m.repetitions(), "of deadlifts, squats and lifts");
        if (m.errors().isEmpty()) {
            sb.append("Errors: none\n");
        } else {
            sb.append("Errors\n");
            m.errors().forEach((kind, n) -> sb.append(String.format(Locale.ROOT, "  %,8d  %s%n", n, kind)));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String what, long n, String detail) {
        sb.append(String.format(Locale.ROOT, "  %-24s %,8d  %s", what, n, detail).stripTrailing()).append('\n');
    }

    private static String counts(Map<String, Long> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** p50, p90, p99 and max of a histogram of microseconds. */
    static String latencies(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "(none)";
        }
        return String.format(Locale.ROOT, "p50 %s   p90 %s   p99 %s   max %s   (%,d)", ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), h.getTotalCount());
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.1f ms" : "%.0f ms", micros / 1000.0);
    }

    /** The summary as JSON (counts, and latencies in milliseconds). */
    public static Map<String, Object> json(Simulation.Settings s, Simulation.Result r) {
        BeltMetrics.Snapshot m = r.metrics();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("belts", r.belts());
        out.put("seconds", r.ran().toMillis() / 1000.0);
        out.put("endedEarly", r.endedEarly());
        out.put("scenario", s.scenario().code());
        out.put("scenarios", r.scenarios());
        out.put("rateHz", s.rateHz());
        out.put("batchIntervalMs", s.batchInterval().toMillis());
        out.put("encoding", s.protobuf() ? "protobuf" : "json");
        out.put("faultRate", s.faultRate());
        out.put("duplicateRate", s.duplicateRate());
        out.put("seed", s.seed());
        out.put("batchesAccepted", m.batchesAccepted());
        out.put("samplesAccepted", m.samplesAccepted());
        out.put("bytesAccepted", m.bytesAccepted());
        out.put("duplicatesSent", m.duplicatesSent());
        out.put("duplicatesAcknowledged", m.duplicatesAcknowledged());
        out.put("streamsUp", r.streamsUp());
        out.put("maxBacklog", m.maxBacklog());
        out.put("faultsInjected", m.injected());
        out.put("commandsReceived", m.commandsTotal());
        out.put("commandsOnStream", m.commandsOnStream());
        out.put("commandsPolled", m.commandsPolled());
        out.put("matched", m.matched());
        out.put("missing", m.missing());
        out.put("unexpected", m.unexpected());
        out.put("advisories", m.advisories());
        out.put("unattributed", m.commandsUnattributed());
        out.put("uploadLatencyMs", percentiles(m.uploadLatency()));
        out.put("hapticLatencyMs", percentiles(m.hapticLatency()));
        out.put("repetitions", m.repetitions());
        out.put("errors", m.errors());
        return out;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            p.put("p50", h.getValueAtPercentile(50) / 1000.0);
            p.put("p90", h.getValueAtPercentile(90) / 1000.0);
            p.put("p99", h.getValueAtPercentile(99) / 1000.0);
            p.put("max", h.getMaxValue() / 1000.0);
        }
        return p;
    }

    public static void writeJson(Path file, Simulation.Settings s, Simulation.Result r) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json(s, r));
    }
}
