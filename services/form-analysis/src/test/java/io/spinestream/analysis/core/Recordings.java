package io.spinestream.analysis.core;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import java.time.Duration;

/** Scripted sessions shared by several tests. */
final class Recordings {

    private Recordings() {
    }

    private static Duration s(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /**
     * A workout exercising every rule: standing, calibration, deadlift reps (clean, rounded,
     * twisted, with a breath hold across reps), a plank with an arch, jumping with many
     * impacts and a hard landing, a gap of 3 minutes, slumped sitting, loaded unknown
     * activity and crunches; with sensor noise on every channel.
     */
    static RecordingGenerator workout(int batchSize) {
        return RecordingGenerator.belt("SB-WORKOUT-1").rateHz(50).batchSize(batchSize).withStrain(true)
                .rawNeutral(new Pose(10, 1, -3, 6)).yawBase(1800).seed(11)
                .noise(0.3).accNoise(0.05).strainNoise(0.001)
                .activity("standing").hold(s(3))
                .calibrate(s(5), 8)
                .activity("deadlift").hold(s(1), Pose.NEUTRAL)
                .reps(4, s(2), Pose.hinge(55), s(0.5))
                .rep(s(2), new Pose(26, 0, 0, 55)).hold(s(0.5))
                .rep(s(2), new Pose(0, 0, 18, 45)).hold(s(0.5))
                .rep(s(2), new Pose(0, -17, 0, 45)).hold(s(0.5))
                .holdBreathAt(0.65).reps(4, s(2), Pose.hinge(50), s(0.5)).breathe()
                .reps(2, s(2.5), Pose.hinge(16.5), s(0.5))
                .spike(s(0.1), Pose.hinge(60)).hold(s(1))
                .activity("plank").hold(s(5), Pose.NEUTRAL).hold(s(2), Pose.flexed(-20)).hold(s(3), Pose.NEUTRAL)
                .activity("jumping").impacts(s(0.4), 4.2).hold(s(20)).noImpacts().hold(s(0.5)).impact(7.5)
                .hold(s(1))
                .gap(Duration.ofMinutes(3))
                .activity("sitting").hold(s(60), Pose.NEUTRAL).hold(Duration.ofMinutes(6), Pose.flexed(25))
                .hold(s(10), Pose.NEUTRAL)
                .activity("unknown").hold(s(2), Pose.NEUTRAL).hold(s(1), new Pose(24, 0, 0, 40))
                .hold(s(2), Pose.NEUTRAL)
                .activity("crunch").reps(5, s(2), Pose.flexed(30), s(0.5));
    }
}
