package io.spinestream.analysis.core;

/** Derived lumbar angles (telemetry.md). */
public final class AngleMath {

    private AngleMath() {
    }

    /**
     * {@code degrees} wrapped to (−180, 180]. Exact for the usual small differences (no
     * floating-point remainder unless needed), so unwrapped yaw of any magnitude works.
     */
    public static double wrap180(double degrees) {
        if (degrees > -180.0 && degrees <= 180.0) {
            return degrees;
        }
        double r = degrees % 360.0;
        if (r > 180.0) {
            r -= 360.0;
        } else if (r <= -180.0) {
            r += 360.0;
        }
        return r;
    }

    /** Lumbar flexion before neutral: {@code trunkPitch − pelvisPitch} (+ = rounding). */
    public static double flexion(float trunkPitch, float pelvisPitch) {
        return (double) trunkPitch - pelvisPitch;
    }

    /** Lumbar side-bend before neutral: {@code trunkRoll − pelvisRoll} (+ = to the right). */
    public static double sideBend(float trunkRoll, float pelvisRoll) {
        return (double) trunkRoll - pelvisRoll;
    }

    /**
     * Lumbar rotation before neutral: {@code trunkYaw − pelvisYaw} wrapped to (−180, 180]
     * (+ = trunk turned right of pelvis). Computed in double, so two unwrapped headings far
     * from zero (e.g. 3600°) keep their float precision.
     */
    public static double rotation(float trunkYaw, float pelvisYaw) {
        return wrap180((double) trunkYaw - pelvisYaw);
    }
}
