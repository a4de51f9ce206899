package io.spinestream.events.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.spinestream.events.encoding.Utf8;
import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON encoding of a telemetry batch (telemetry.md): the body of
 * {@code POST /v1/telemetry} and one line of an {@code .ndjson} recording.
 *
 * <p>Reading is streaming and never throws for bad input: it returns either a
 * {@link TelemetryBatch} that keeps every rule, or every {@link Violation}. JSON numbers
 * become floats, the Protobuf precision, so the JSON and Protobuf encodings of one batch
 * give equal messages; range rules are checked on those floats.
 *
 * <p>Decisions on what the spec leaves open, all checked here because only JSON shows them:
 * <ul>
 *   <li>Integers ({@code seq}, {@code rateHz}) may be written with a zero fraction
 *       ({@code 50.0}); {@code 50.5} or {@code "50"} is a {@code type} violation.</li>
 *   <li>{@code startedAt} must be RFC 3339 ({@code format}); its offset must be UTC:
 *       {@code Z}, {@code z}, {@code +00:00} or {@code -00:00} ({@code utc}). Fractions
 *       finer than a millisecond are truncated (Protobuf keeps epoch milliseconds). Leap
 *       seconds ({@code :60}) are rejected.</li>
 *   <li>{@code null} is the same as absent: fine for optional fields, {@code required} for
 *       required ones. An explicitly empty channel array breaks 1 ≤ n ({@code range}).</li>
 *   <li>Unknown fields, top-level or in {@code channels}, are ignored (the contract allows
 *       extensions); a field given twice is a {@code syntax} violation.</li>
 *   <li>A body must be UTF-8 (RFC 8259; a leading byte order mark is ignored): UTF-16/32, overlong forms
 *       and encoded surrogates are a {@code syntax} violation, and so is a string field holding an escaped
 *       lone surrogate ({@code "\ud800"}), which has no UTF-8 or Protobuf form.</li>
 * </ul>
 * The parser keeps every sample it reads; callers should cap the request body size (a
 * maximal batch is well under 1 MiB of JSON).
 */
public final class TelemetryJson {

    // Fast number parsing: a batch is mostly floats, and the JDK's float parser was an eighth of
    // sensor-ingest's CPU samples in a JSON run (JFR, docs/performance.md). Same correctly rounded values.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private static final Pattern RFC_3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?([Zz]|[+-]\\d{2}:\\d{2})");

    private static final DateTimeFormatter STARTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private TelemetryJson() {
    }

    /** Reads a UTF-8 JSON batch; a body in any other encoding is a {@code syntax} violation. */
    public static TelemetryParseResult parse(byte[] json) {
        String notUtf8 = Utf8.problem(json);
        if (notUtf8 != null) {
            return TelemetryParseResult.invalid(List.of(new Violation("", Violation.SYNTAX,
                    "The body must be JSON in UTF-8 (RFC 8259): " + notUtf8)));
        }
        try {
            return read(JSON.createParser(json));
        } catch (IOException e) {
            return syntax(e);
        }
    }

    /** Reads a JSON batch, e.g. one line of an {@code .ndjson} recording. */
    public static TelemetryParseResult parse(String json) {
        try {
            return read(JSON.createParser(json));
        } catch (IOException e) {
            return syntax(e);
        }
    }

    /**
     * The batch as one line of JSON (no line break), fields in spec order, {@code startedAt}
     * as RFC 3339 UTC with milliseconds. Absent fields (Protobuf defaults, empty channels)
     * are left out. Floats are written in their shortest exact form, so {@link #parse}
     * gives back an equal batch for any valid batch.
     */
    public static String toJson(TelemetryBatch batch) {
        return new String(toJsonBytes(batch), StandardCharsets.UTF_8);
    }

    /** As {@link #toJson(TelemetryBatch)}, UTF-8 encoded. */
    public static byte[] toJsonBytes(TelemetryBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (!batch.getBeltId().isEmpty()) {
                g.writeStringField("beltId", batch.getBeltId());
            }
            g.writeNumberField("seq", batch.getSeq());
            if (batch.hasStartedAtMs()) {
                g.writeStringField("startedAt", formatStartedAt(batch.getStartedAtMs()));
            }
            if (batch.getRateHz() != 0) {
                g.writeNumberField("rateHz", batch.getRateHz());
            }
            if (!batch.getActivity().isEmpty()) {
                g.writeStringField("activity", batch.getActivity());
            }
            if (!batch.getFirmware().isEmpty()) {
                g.writeStringField("firmware", batch.getFirmware());
            }
            if (batch.hasBattery()) {
                g.writeNumberField("battery", batch.getBattery());
            }
            if (batch.hasChannels()) {
                Channels channels = batch.getChannels();
                g.writeObjectFieldStart("channels");
                for (TelemetryChannel channel : TelemetryChannel.all()) {
                    int count = channel.count(channels);
                    if (count > 0) {
                        g.writeArrayFieldStart(channel.jsonName());
                        for (int i = 0; i < count; i++) {
                            g.writeNumber(channel.get(channels, i));
                        }
                        g.writeEndArray();
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** {@code startedAt} as the JSON encoding writes it: RFC 3339 UTC, milliseconds. */
    public static String formatStartedAt(long epochMillis) {
        return STARTED_AT.format(Instant.ofEpochMilli(epochMillis));
    }

    private static TelemetryParseResult read(JsonParser parser) {
        try (parser) {
            return new Reader(parser).read();
        } catch (IOException e) {
            return syntax(e);
        }
    }

    private static TelemetryParseResult syntax(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        JsonLocation at = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return TelemetryParseResult.invalid(List.of(new Violation("", Violation.SYNTAX,
                "The body must be one well-formed JSON object: " + message + where)));
    }

    /** One pass over one batch; collects type violations and keeps going where it can. */
    private static final class Reader {

        private final JsonParser p;
        private final TelemetryBatch.Builder batch = TelemetryBatch.newBuilder();
        private final List<Violation> violations = new ArrayList<>();
        private boolean beltId;
        private boolean seq;
        private boolean startedAt;
        private boolean rateHz;
        private boolean channels;

        Reader(JsonParser parser) {
            this.p = parser;
        }

        TelemetryParseResult read() throws IOException {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonParseException(p, "the body is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                return TelemetryParseResult.invalid(List.of(new Violation("", Violation.TYPE,
                        "A telemetry batch must be a JSON object")));
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "beltId" -> beltId = readString("beltId", batch::setBeltId);
                    case "seq" -> seq = readSeq();
                    case "startedAt" -> startedAt = readStartedAt();
                    case "rateHz" -> rateHz = readRateHz();
                    case "activity" -> readString("activity", batch::setActivity);
                    case "firmware" -> readString("firmware", batch::setFirmware);
                    case "battery" -> readBattery();
                    case "channels" -> channels = readChannels();
                    default -> p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "unexpected end of the batch object");
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the batch object");
            }
            requireSeen(beltId, "beltId", "beltId is required");
            requireSeen(seq, "seq", "seq is required: an integer >= 0, increasing per belt");
            requireSeen(startedAt, "startedAt", "startedAt is required: the RFC 3339 UTC instant of sample 0");
            requireSeen(rateHz, "rateHz", "rateHz is required: 1-400");
            requireSeen(channels, "channels", "channels is required, with the six orientation channels");
            return merge(batch.build());
        }

        /** JSON-side violations win: the validator only adds rules about fields JSON found fine. */
        private TelemetryParseResult merge(TelemetryBatch built) {
            List<Violation> all = new ArrayList<>(violations);
            for (Violation v : TelemetryValidator.validate(built)) {
                if (!coveredByJsonViolation(v.field())) {
                    all.add(v);
                }
            }
            return all.isEmpty() ? TelemetryParseResult.valid(built) : TelemetryParseResult.invalid(all);
        }

        private boolean coveredByJsonViolation(String field) {
            for (Violation v : violations) {
                String f = v.field();
                if (field.equals(f) || field.startsWith(f + ".") || field.startsWith(f + "[")) {
                    return true;
                }
            }
            return false;
        }

        private void requireSeen(boolean seen, String field, String message) {
            if (!seen) {
                violations.add(new Violation(field, Violation.REQUIRED, message));
            }
        }

        /** @return whether a value (even a wrong one) was given */
        private boolean readString(String field, Consumer<String> setter) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return false;
            }
            if (t == JsonToken.VALUE_STRING) {
                String text = p.getText();
                if (Utf8.hasLoneSurrogate(text)) {
                    // "\ud800" is well-formed JSON but no character: it has no UTF-8 (nor Protobuf) form
                    violations.add(new Violation(field, Violation.SYNTAX,
                            field + " must be Unicode text; an escaped lone surrogate (\\uD800-\\uDFFF) is no character"));
                    return true;
                }
                setter.accept(text);
            } else {
                typeViolation(field, field + " must be a string");
            }
            return true;
        }

        private boolean readSeq() throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return false;
            }
            Long value = readInteger("seq", "seq must be an integer >= 0");
            if (value != null) {
                batch.setSeq(value);
            }
            return true;
        }

        private boolean readRateHz() throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return false;
            }
            Long value = readInteger("rateHz", "rateHz must be an integer between 1 and 400");
            if (value != null) {
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    violations.add(new Violation("rateHz", Violation.RANGE,
                            "rateHz must be between 1 and 400, was " + value));
                } else {
                    batch.setRateHz(value.intValue());
                }
            }
            return true;
        }

        /** An integral JSON number as a long, or null after recording why not. */
        private Long readInteger(String field, String rule) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal value = p.getDecimalValue();
                try {
                    return value.longValueExact();
                } catch (ArithmeticException notLong) {
                    boolean integral = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
                    // toString, never toBigInteger or toPlainString: 1e999999999 would take forever to spell out
                    violations.add(integral
                            ? new Violation(field, Violation.RANGE, rule + "; " + value + " is out of range")
                            : new Violation(field, Violation.TYPE, rule + ", was " + value));
                    return null;
                }
            }
            typeViolation(field, rule);
            return null;
        }

        private boolean readStartedAt() throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return false;
            }
            if (t != JsonToken.VALUE_STRING) {
                typeViolation("startedAt", "startedAt must be an RFC 3339 UTC date-time string");
                return true;
            }
            String text = p.getText();
            Matcher m = RFC_3339.matcher(text);
            if (!m.matches()) {
                violations.add(new Violation("startedAt", Violation.FORMAT,
                        "startedAt must be an RFC 3339 UTC date-time such as 2026-11-20T10:15:30.120Z, was '"
                                + text + "'"));
                return true;
            }
            long epochSecond;
            try {
                epochSecond = LocalDateTime.of(
                                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)))
                        .toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                violations.add(new Violation("startedAt", Violation.FORMAT,
                        "startedAt must be a valid RFC 3339 date-time, was '" + text + "' (" + e.getMessage() + ")"));
                return true;
            }
            String offset = m.group(8);
            if (!offset.equalsIgnoreCase("Z") && !offset.equals("+00:00") && !offset.equals("-00:00")) {
                violations.add(new Violation("startedAt", Violation.UTC,
                        "startedAt must be a UTC instant (ending in Z), was '" + text + "'"));
                return true;
            }
            batch.setStartedAtMs(epochSecond * 1000 + millisOf(m.group(7)));
            return true;
        }

        private static int millisOf(String fraction) {
            if (fraction == null) {
                return 0;
            }
            int millis = 0;
            for (int i = 0; i < 3; i++) {
                millis = millis * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
            }
            return millis;
        }

        private void readBattery() throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                batch.setBattery(p.getFloatValue());
            } else {
                typeViolation("battery", "battery must be a number between 0.0 and 1.0");
            }
        }

        private boolean readChannels() throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                typeViolation("channels", "channels must be an object of sample arrays");
                return true;
            }
            Channels.Builder builder = Channels.newBuilder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                TelemetryChannel channel = TelemetryChannel.byJsonName(p.currentName());
                p.nextToken();
                if (channel == null) {
                    p.skipChildren();
                } else {
                    readChannel(channel, builder);
                }
            }
            batch.setChannels(builder);
            return true;
        }

        private void readChannel(TelemetryChannel channel, Channels.Builder builder) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            String path = TelemetryValidator.path(channel);
            if (t != JsonToken.START_ARRAY) {
                typeViolation(path, path + " must be an array of numbers");
                return;
            }
            int index = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    channel.append(builder, p.getFloatValue());
                } else {
                    typeViolation(TelemetryValidator.path(channel, index), path + " values must be numbers");
                    // keeps the channel's length, so the mistake is not also an equal-length one
                    channel.append(builder, Float.NaN);
                }
                index++;
            }
            if (index == 0) {
                violations.add(new Violation(path, Violation.RANGE,
                        "channels must have between 1 and 2000 samples each; " + path + " is empty"));
            }
        }

        private void typeViolation(String field, String message) throws IOException {
            violations.add(new Violation(field, Violation.TYPE, message));
            p.skipChildren();
        }
    }
}
