package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.Channels;
import java.util.List;

/**
 * The sample channels of a batch, with their JSON names and value rules, and primitive
 * accessors into the Protobuf {@link Channels} (no boxing per sample).
 */
public enum TelemetryChannel {
    TRUNK_PITCH("trunkPitch", true, Kind.ANGLE, Channels::getTrunkPitchCount, Channels::getTrunkPitch,
            Channels.Builder::addTrunkPitch),
    TRUNK_ROLL("trunkRoll", true, Kind.ANGLE, Channels::getTrunkRollCount, Channels::getTrunkRoll,
            Channels.Builder::addTrunkRoll),
    TRUNK_YAW("trunkYaw", true, Kind.YAW, Channels::getTrunkYawCount, Channels::getTrunkYaw,
            Channels.Builder::addTrunkYaw),
    PELVIS_PITCH("pelvisPitch", true, Kind.ANGLE, Channels::getPelvisPitchCount, Channels::getPelvisPitch,
            Channels.Builder::addPelvisPitch),
    PELVIS_ROLL("pelvisRoll", true, Kind.ANGLE, Channels::getPelvisRollCount, Channels::getPelvisRoll,
            Channels.Builder::addPelvisRoll),
    PELVIS_YAW("pelvisYaw", true, Kind.YAW, Channels::getPelvisYawCount, Channels::getPelvisYaw,
            Channels.Builder::addPelvisYaw),
    PELVIS_ACC("pelvisAcc", false, Kind.ACCELERATION, Channels::getPelvisAccCount, Channels::getPelvisAcc,
            Channels.Builder::addPelvisAcc),
    STRAIN("strain", false, Kind.STRAIN, Channels::getStrainCount, Channels::getStrain,
            Channels.Builder::addStrain);

    /** What a channel's values are, which decides their allowed range. */
    public enum Kind {
        /** Pitch or roll, degrees, within [−360, 360]. */
        ANGLE,
        /** Unwrapped heading, degrees, any finite value. */
        YAW,
        /** Acceleration magnitude, g, ≥ 0. */
        ACCELERATION,
        /** Strain band, 0.0–1.0. */
        STRAIN
    }

    @FunctionalInterface
    interface Count {
        int of(Channels channels);
    }

    @FunctionalInterface
    interface Sample {
        float of(Channels channels, int index);
    }

    @FunctionalInterface
    interface Append {
        Channels.Builder to(Channels.Builder builder, float value);
    }

    private static final List<TelemetryChannel> ALL = List.of(values());

    private final String jsonName;
    private final boolean required;
    private final Kind kind;
    private final Count count;
    private final Sample sample;
    private final Append append;

    TelemetryChannel(String jsonName, boolean required, Kind kind, Count count, Sample sample, Append append) {
        this.jsonName = jsonName;
        this.required = required;
        this.kind = kind;
        this.count = count;
        this.sample = sample;
        this.append = append;
    }

    /** Name in the JSON {@code channels} object, e.g. {@code trunkPitch}. */
    public String jsonName() {
        return jsonName;
    }

    /** The six orientation channels are required; {@code pelvisAcc} and {@code strain} not. */
    public boolean required() {
        return required;
    }

    public Kind kind() {
        return kind;
    }

    /** Samples of this channel in {@code channels}; 0 means absent. */
    public int count(Channels channels) {
        return count.of(channels);
    }

    /** Sample {@code index} of this channel. */
    public float get(Channels channels, int index) {
        return sample.of(channels, index);
    }

    void append(Channels.Builder builder, float value) {
        append.to(builder, value);
    }

    /** All channels, in wire order. */
    public static List<TelemetryChannel> all() {
        return ALL;
    }

    static TelemetryChannel byJsonName(String name) {
        for (TelemetryChannel channel : ALL) {
            if (channel.jsonName.equals(name)) {
                return channel;
            }
        }
        return null;
    }
}
