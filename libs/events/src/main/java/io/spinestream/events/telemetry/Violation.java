package io.spinestream.events.telemetry;

import java.util.Objects;

/**
 * One broken rule of a telemetry batch, ready for an {@code application/problem+json} body.
 *
 * @param field   where, in JSON terms: {@code "seq"}, {@code "channels.trunkPitch"},
 *                {@code "channels.trunkPitch[3]"}; {@code ""} for the document as a whole
 * @param rule    short machine code, one of the constants of this record
 * @param message a sentence naming the rule as the spec states it
 */
public record Violation(String field, String rule, String message) {

    /** A required field is absent (or, in Protobuf, has its default value). */
    public static final String REQUIRED = "required";
    /** Wrong JSON type, e.g. a string where a number belongs or a non-integer seq. */
    public static final String TYPE = "type";
    /** A number outside its allowed range, or a channel length outside 1–2000. */
    public static final String RANGE = "range";
    /** A string not matching its pattern ({@code beltId}). */
    public static final String PATTERN = "pattern";
    /** A string longer than allowed ({@code firmware}). */
    public static final String LENGTH = "length";
    /** A code not in its list ({@code activity}). */
    public static final String ENUM = "enum";
    /** Channels of different lengths. */
    public static final String EQUAL_LENGTH = "equal-length";
    /** NaN or infinity (e.g. a JSON number too large for a float). */
    public static final String FINITE = "finite";
    /** {@code startedAt} is not an RFC 3339 date-time. */
    public static final String FORMAT = "format";
    /** {@code startedAt} has an offset other than UTC ({@code Z}, {@code +00:00}). */
    public static final String UTC = "utc";
    /** The body is not well-formed JSON / Protobuf. */
    public static final String SYNTAX = "syntax";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
