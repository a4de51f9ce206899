package io.spinestream.analysis.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.spinestream.events.payload.RepMetrics;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The offline analyzer's output: one {@link AnalysisEvent} per line of JSON (NDJSON), with the
 * field names of form-analysis.md ("What the analyzer emits") in a fixed order; absent
 * ({@code null}) fields are left out ({@code repMetricsTruncated} appears only when true); instants RFC 3339 UTC ({@link Instant#toString()}),
 * severity lowercase, map keys sorted.
 */
public final class AnalysisEventJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private AnalysisEventJson() {
    }

    /** The event as one line of JSON, without the line break. */
    public static String toJson(AnalysisEvent e) {
        StringWriter out = new StringWriter(256);
        write(e, out);
        return out.toString();
    }

    /** Writes the event as one line of JSON followed by {@code \n}. */
    public static void writeLine(AnalysisEvent e, Writer out) {
        write(e, out);
        try {
            out.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void write(AnalysisEvent e, Writer out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("type", e.type());
            g.writeStringField("id", e.id());
            str(g, "clinicId", e.clinicId());
            g.writeStringField("beltId", e.beltId());
            str(g, "wearerId", e.wearerId());
            str(g, "activity", e.activity());
            instant(g, "at", e.at());
            g.writeStringField("severity", e.severity().code());
            num(g, "value", e.value());
            num(g, "limit", e.limit());
            str(g, "unit", e.unit());
            g.writeBooleanField("late", e.late());
            str(g, "sessionId", e.sessionId());
            g.writeNumberField("seq", e.seq());
            g.writeNumberField("sampleIndex", e.sampleIndex());
            instant(g, "startedAt", e.startedAt());
            instant(g, "endedAt", e.endedAt());
            if (e.reps() != null) {
                g.writeNumberField("reps", e.reps());
            }
            num(g, "holdSeconds", e.holdSeconds());
            if (e.formScore() != null) {
                g.writeNumberField("formScore", e.formScore());
            }
            if (e.faults() != null) {
                g.writeObjectFieldStart("faults");
                for (Map.Entry<String, Integer> f : new TreeMap<>(e.faults()).entrySet()) {
                    g.writeNumberField(f.getKey(), f.getValue());
                }
                g.writeEndObject();
            }
            num(g, "timeUnderLoadSeconds", e.timeUnderLoadSeconds());
            if (e.impacts() != null) {
                g.writeNumberField("impacts", e.impacts());
            }
            if (e.repMetrics() != null) {
                g.writeArrayFieldStart("repMetrics");
                for (RepMetrics m : e.repMetrics()) {
                    g.writeStartObject();
                    g.writeNumberField("index", m.index());
                    instant(g, "startedAt", m.startedAt());
                    instant(g, "endedAt", m.endedAt());
                    g.writeNumberField("peakFlexionDeg", m.peakFlexionDeg());
                    g.writeNumberField("peakExtensionDeg", m.peakExtensionDeg());
                    g.writeNumberField("peakRotationDeg", m.peakRotationDeg());
                    g.writeArrayFieldStart("faults");
                    for (String code : m.faults()) {
                        g.writeString(code);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (e.repMetricsTruncated()) {
                    g.writeBooleanField("repMetricsTruncated", true);
                }
            }
            str(g, "reason", e.reason());
            if (!e.details().isEmpty()) {
                g.writeObjectFieldStart("details");
                for (Map.Entry<String, String> d : new TreeMap<>(e.details()).entrySet()) {
                    g.writeStringField(d.getKey(), d.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void num(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.toString());
        }
    }
}
