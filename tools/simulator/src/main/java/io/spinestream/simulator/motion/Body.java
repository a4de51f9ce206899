package io.spinestream.simulator.motion;

/**
 * The wearer and the belt as the sensors see them: where the wearer's neutral spine sits in the
 * raw pod angles (what a calibration should find), the heading they face, how they breathe, and
 * how noisy the pods are.
 *
 * @param neutralFlexionDeg  raw lumbar flexion ({@code trunkPitch − pelvisPitch}) at neutral
 * @param neutralSideBendDeg raw side-bend at neutral
 * @param neutralRotationDeg raw rotation ({@code trunkYaw − pelvisYaw}) at neutral
 * @param neutralHingeDeg    {@code pelvisPitch} standing tall
 * @param headingDeg         initial {@code pelvisYaw} (unwrapped; only differences matter)
 * @param noiseDeg           σ of each pod angle's noise (clipped at ±3σ)
 * @param breathPeriodS      seconds per breath at rest
 * @param breathAmplitude    strain swing of a breath (±), 0–1 scale of the band
 * @param strainBase         strain at mid-breath
 */
public record Body(double neutralFlexionDeg, double neutralSideBendDeg, double neutralRotationDeg,
                   double neutralHingeDeg, double headingDeg, double noiseDeg, double breathPeriodS,
                   double breathAmplitude, double strainBase) {

    /** Noise of the strain band, σ (clipped at ±3σ: far inside the 0.02 of a held breath). */
    public static final double STRAIN_NOISE = 0.0015;
    /**
     * How far the strain band jumps when the wearer braces and holds their breath. The jump, more
     * than the 0.02 of the rule plus noise, ends any calm stretch of breathing before it, so the
     * analyzer times the hold from its first sample, and ends it at its last.
     */
    public static final double BRACE = 0.07;
    /** Noise of the pelvis accelerometer, σ in g. */
    public static final double ACC_NOISE_G = 0.02;

    /** A plausible wearer: belts sit a little differently on everybody. */
    public static Body random(Rng rng) {
        return new Body(rng.between(-6.0, 6.0), rng.between(-2.0, 2.0), rng.between(-4.0, 4.0),
                rng.between(-5.0, 5.0), rng.between(-720.0, 720.0), 0.25, rng.between(3.2, 5.0),
                rng.between(0.04, 0.06), rng.between(0.35, 0.55));
    }

    /** A noise-free wearer at zero neutral (tests that check exact boundaries). */
    public static Body ideal() {
        return new Body(0, 0, 0, 0, 0, 0, 4.0, 0.05, 0.45);
    }

    /** The largest error noise adds to a lumbar angle (the difference of two pods, each ±3σ). */
    public double maxAngleNoise() {
        return 6 * noiseDeg;
    }
}
