package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link TelemetryBatch} against every rule of telemetry.md's table. Applies to
 * both encodings: Protobuf bodies are checked here directly, JSON bodies after
 * {@link TelemetryJson} has checked what only JSON can get wrong (types, {@code startedAt}
 * syntax and offset). Values are checked as floats, the precision the batch is kept in.
 *
 * <p>In Protobuf an absent scalar reads as its default, so: an empty {@code beltId} is
 * "required", {@code rateHz} 0 is out of range, an empty {@code activity} is {@code unknown},
 * an empty {@code firmware} is absent, and a channel with no samples is absent.
 *
 * <p>Not checked here: that {@code beltId} is the authenticated belt, and that {@code seq}
 * increases per belt (both need state the caller has). All violations are returned, one per
 * bad sample; the loop over samples allocates nothing unless a sample is bad.
 */
public final class TelemetryValidator {

    public static final int MIN_RATE_HZ = 1;
    public static final int MAX_RATE_HZ = 400;
    public static final int MIN_SAMPLES = 1;
    public static final int MAX_SAMPLES = 2000;
    public static final int MAX_FIRMWARE_CHARS = 32;
    public static final int MIN_BELT_ID_CHARS = 3;
    public static final int MAX_BELT_ID_CHARS = 32;
    public static final float MAX_ABS_ANGLE_DEG = 360f;
    /** 0000-01-01T00:00:00Z: RFC 3339 writes four-digit years, so no instant before it has a JSON form. */
    public static final long FIRST_STARTED_AT_MS = -62_167_219_200_000L;
    /** 9999-12-31T23:59:59.999Z, the last RFC 3339 instant (in milliseconds). */
    public static final long LAST_STARTED_AT_MS = 253_402_300_799_999L;

    private TelemetryValidator() {
    }

    /** Every rule the batch breaks; empty when it is valid. */
    public static List<Violation> validate(TelemetryBatch batch) {
        List<Violation> violations = new ArrayList<>();
        checkBeltId(batch.getBeltId(), violations);
        if (batch.getSeq() < 0) {
            violations.add(new Violation("seq", Violation.RANGE,
                    "seq must be an integer >= 0, was " + batch.getSeq()));
        }
        if (!batch.hasStartedAtMs()) {
            violations.add(new Violation("startedAt", Violation.REQUIRED,
                    "startedAt is required: the RFC 3339 UTC instant of sample 0"));
        } else if (batch.getStartedAtMs() < FIRST_STARTED_AT_MS || batch.getStartedAtMs() > LAST_STARTED_AT_MS) {
            // a Protobuf int64 reaches far beyond what the JSON encoding can say; both must accept the same
            violations.add(new Violation("startedAt", Violation.RANGE,
                    "startedAt must be an RFC 3339 instant (years 0000-9999), was " + batch.getStartedAtMs() + " ms"));
        }
        int rateHz = batch.getRateHz();
        if (rateHz < MIN_RATE_HZ || rateHz > MAX_RATE_HZ) {
            violations.add(new Violation("rateHz", Violation.RANGE,
                    "rateHz must be between " + MIN_RATE_HZ + " and " + MAX_RATE_HZ + ", was " + rateHz));
        }
        if (Activity.fromCode(batch.getActivity()).isEmpty()) {
            violations.add(new Violation("activity", Violation.ENUM,
                    "activity must be one of the activity codes (calibration, deadlift, ..., unknown), was '"
                            + batch.getActivity() + "'"));
        }
        String firmware = batch.getFirmware();
        if (firmware.length() > MAX_FIRMWARE_CHARS
                && firmware.codePointCount(0, firmware.length()) > MAX_FIRMWARE_CHARS) {
            violations.add(new Violation("firmware", Violation.LENGTH,
                    "firmware must be at most " + MAX_FIRMWARE_CHARS + " characters"));
        }
        if (batch.hasBattery()) {
            float battery = batch.getBattery();
            if (!Float.isFinite(battery)) {
                violations.add(new Violation("battery", Violation.FINITE, "battery must be a finite number"));
            } else if (battery < 0f || battery > 1f) {
                violations.add(new Violation("battery", Violation.RANGE,
                        "battery must be between 0.0 and 1.0, was " + battery));
            }
        }
        if (!batch.hasChannels()) {
            violations.add(new Violation("channels", Violation.REQUIRED,
                    "channels is required, with the six orientation channels"));
        } else {
            checkChannels(batch.getChannels(), violations);
        }
        return violations;
    }

    /** The batch if valid, else the violations. */
    public static TelemetryParseResult check(TelemetryBatch batch) {
        List<Violation> violations = validate(batch);
        return violations.isEmpty()
                ? TelemetryParseResult.valid(batch)
                : TelemetryParseResult.invalid(violations);
    }

    private static void checkBeltId(String beltId, List<Violation> violations) {
        if (beltId.isEmpty()) {
            violations.add(new Violation("beltId", Violation.REQUIRED, "beltId is required"));
            return;
        }
        boolean matches = beltId.length() >= MIN_BELT_ID_CHARS && beltId.length() <= MAX_BELT_ID_CHARS;
        for (int i = 0; matches && i < beltId.length(); i++) {
            char c = beltId.charAt(i);
            matches = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        }
        if (!matches) {
            violations.add(new Violation("beltId", Violation.PATTERN,
                    "beltId must match [A-Z0-9-]{3,32}"));
        }
    }

    private static void checkChannels(Channels channels, List<Violation> violations) {
        // The length every channel must have: the first channel that has samples sets it.
        TelemetryChannel reference = null;
        for (TelemetryChannel channel : TelemetryChannel.all()) {
            int count = channel.count(channels);
            if (count == 0) {
                if (channel.required()) {
                    violations.add(new Violation(path(channel), Violation.REQUIRED,
                            path(channel) + " is required (the six orientation channels always are)"));
                }
                continue;
            }
            if (reference == null) {
                reference = channel;
                if (count > MAX_SAMPLES) {
                    violations.add(new Violation("channels", Violation.RANGE,
                            "channels must have between " + MIN_SAMPLES + " and " + MAX_SAMPLES
                                    + " samples each, they have " + count));
                }
            } else if (count != reference.count(channels)) {
                violations.add(new Violation(path(channel), Violation.EQUAL_LENGTH,
                        "all channels must have equal length: " + path(channel) + " has " + count
                                + " samples, " + path(reference) + " has " + reference.count(channels)));
            }
            checkSamples(channels, channel, count, violations);
        }
    }

    private static void checkSamples(Channels channels, TelemetryChannel channel, int count,
                                     List<Violation> violations) {
        for (int i = 0; i < count; i++) {
            float value = channel.get(channels, i);
            if (!Float.isFinite(value)) {
                violations.add(new Violation(path(channel, i), Violation.FINITE,
                        "every channel value must be a finite number"));
                continue;
            }
            switch (channel.kind()) {
                case ANGLE -> {
                    if (value < -MAX_ABS_ANGLE_DEG || value > MAX_ABS_ANGLE_DEG) {
                        violations.add(new Violation(path(channel, i), Violation.RANGE,
                                "angles must be within [-360, 360] degrees, was " + value));
                    }
                }
                case ACCELERATION -> {
                    if (value < 0f) {
                        violations.add(new Violation(path(channel, i), Violation.RANGE,
                                "pelvisAcc is an acceleration magnitude in g and must be >= 0, was " + value));
                    }
                }
                case STRAIN -> {
                    if (value < 0f || value > 1f) {
                        violations.add(new Violation(path(channel, i), Violation.RANGE,
                                "strain must be between 0.0 and 1.0, was " + value));
                    }
                }
                case YAW -> {
                    // yaw is unwrapped: any finite value
                }
            }
        }
    }

    static String path(TelemetryChannel channel) {
        return "channels." + channel.jsonName();
    }

    static String path(TelemetryChannel channel, int index) {
        return "channels." + channel.jsonName() + "[" + index + "]";
    }
}
