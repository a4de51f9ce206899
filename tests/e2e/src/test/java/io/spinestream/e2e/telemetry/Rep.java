package io.spinestream.e2e.telemetry;

/**
 * One repetition of a hip hinge (deadlift, squat, ...): the hips hinge to {@link #HINGE_DEG} and
 * back while the lumbar spine flexes to {@code peakFlexionDeg} and rotates to
 * {@code peakRotationDeg}, both following the hinge smoothly.
 *
 * @param peakFlexionDeg  lumbar flexion at the bottom of the rep (trunk minus pelvis pitch)
 * @param peakRotationDeg lumbar rotation at the bottom of the rep (trunk minus pelvis yaw), + to the right
 */
public record Rep(double peakFlexionDeg, double peakRotationDeg) {

    /** How far the pelvis tilts forward at the bottom: well beyond the 15° a rep is counted at. */
    public static final double HINGE_DEG = 45.0;

    /** A rep with a neutral back: 5° of flexion, far inside the 20° default limit. */
    public static Rep clean() {
        return new Rep(5.0, 0.0);
    }

    /** A rep whose lower back rounds to {@code flexionDeg} at the bottom. */
    public static Rep rounded(double flexionDeg) {
        return new Rep(flexionDeg, 0.0);
    }

    /** A rep with a neutral back twisted by {@code rotationDeg} at the bottom. */
    public static Rep twisted(double rotationDeg) {
        return new Rep(5.0, rotationDeg);
    }
}
