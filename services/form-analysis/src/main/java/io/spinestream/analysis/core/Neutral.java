package io.spinestream.analysis.core;

import java.time.Instant;

/**
 * A wearer's neutral spine, in raw derived lumbar angles (telemetry.md), i.e. what is
 * subtracted from each derived angle before any rule looks at it.
 *
 * @param flexionDeg   neutral of {@code trunkPitch − pelvisPitch}
 * @param sideBendDeg  neutral of {@code trunkRoll − pelvisRoll}
 * @param rotationDeg  neutral of {@code trunkYaw − pelvisYaw}, within (−180, 180]
 * @param hipHingeDeg  neutral of {@code pelvisPitch}
 * @param source       how it was obtained
 * @param at           instant of the last sample it was computed from; {@code null} when unknown
 */
public record Neutral(float flexionDeg, float sideBendDeg, float rotationDeg, float hipHingeDeg,
                      Source source, Instant at) {

    /** How a neutral was obtained (form-analysis.md "Calibration"). */
    public enum Source {
        /** From a {@code calibration} session: midpoint of the 5th and 95th percentile. */
        CALIBRATION,
        /** Fallback: median over the wearer's first 5 s of {@code standing}. */
        STANDING_MEDIAN,
        /** Fallback of the fallback: zero. */
        NONE
    }

    public Neutral {
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
    }

    /** Zero neutral, used until a wearer has calibrated or stood for 5 s. */
    public static final Neutral ZERO = new Neutral(0f, 0f, 0f, 0f, Source.NONE, null);
}
