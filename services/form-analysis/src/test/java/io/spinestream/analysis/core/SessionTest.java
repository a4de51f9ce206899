package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.onlySummary;
import static io.spinestream.analysis.core.Harness.run;
import static io.spinestream.analysis.core.Harness.summaries;
import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions: split by activity change and by 2 minutes without data; summaries; form score. */
class SessionTest {

    private static final BatchContext WEARER = BatchContext.of("clinic-1", "w-42", List.of(), null);

    @Test
    void givenActivityChanges_whenAnalyzed_thenOneSessionPerRun_withItsTimes() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").activity("standing");
        Instant s1 = gen.now();
        gen.hold(Duration.ofSeconds(10));
        Instant s2 = gen.now();
        gen.activity("deadlift").reps(3, Duration.ofSeconds(2), Pose.hinge(50), Duration.ofSeconds(1));
        Instant s3 = gen.now();
        gen.activity("standing").hold(Duration.ofSeconds(10));
        Instant end = gen.now();

        List<AnalysisEvent> s = summaries(run(gen, WEARER));

        assertThat(s).extracting(AnalysisEvent::activity).containsExactly("standing", "deadlift", "standing");
        assertThat(s).extracting(AnalysisEvent::startedAt).containsExactly(s1, s2, s3);
        assertThat(s).extracting(AnalysisEvent::endedAt).containsExactly(
                s2.minus(gen.period()), s3.minus(gen.period()), end.minus(gen.period()));
        assertThat(s).extracting(AnalysisEvent::reps).containsExactly(0, 3, 0);
        assertThat(s).extracting(AnalysisEvent::sessionId).doesNotHaveDuplicates();
        AnalysisEvent deadlift = s.get(1);
        assertThat(deadlift.beltId()).isEqualTo("SB-SESSION-1");
        assertThat(deadlift.wearerId()).isEqualTo("w-42");
        assertThat(deadlift.clinicId()).isEqualTo("clinic-1");
        assertThat(deadlift.severity()).isEqualTo(Severity.INFO);
        assertThat(deadlift.at()).isEqualTo(deadlift.endedAt());
        assertThat(deadlift.timeUnderLoadSeconds()).isEqualTo(9.0);
        assertThat(deadlift.holdSeconds()).isZero();
        assertThat(deadlift.formScore()).isEqualTo(100);
        assertThat(deadlift.faults()).isEmpty();
    }

    @Test
    void givenTwoMinutesWithoutData_whenTheSameActivityResumes_thenANewSession_andJustUnderTwoMinutesTheSameOne() {
        RecordingGenerator split = RecordingGenerator.belt("SB-SESSION-1").activity("walking")
                .hold(Duration.ofSeconds(10));
        split.gap(Duration.ofMinutes(2).minus(split.period())).hold(Duration.ofSeconds(10));   // 120 s between samples
        assertThat(summaries(run(split))).hasSize(2);

        RecordingGenerator same = RecordingGenerator.belt("SB-SESSION-1").activity("walking")
                .hold(Duration.ofSeconds(10));
        same.gap(Duration.ofMinutes(2).minus(same.period()).minusMillis(20)).hold(Duration.ofSeconds(10));
        List<AnalysisEvent> one = summaries(run(same));
        assertThat(one).hasSize(1);
        assertThat(Duration.between(one.get(0).startedAt(), one.get(0).endedAt()))
                .isEqualTo(Duration.ofSeconds(140).minusMillis(60));   // 9.98 + 119.98 + 9.98 s
    }

    @Test
    void givenAnOpenSession_whenCloseIfIdle_thenClosedOnlyTwoMinutesAfterTheLastSample() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").activity("plank").hold(Duration.ofSeconds(30));
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-SESSION-1");
        List<AnalysisEvent> events = new ArrayList<>();
        for (TelemetryBatch b : gen.batches()) {
            analyzer.analyze(b, WEARER, events::add);
        }
        Instant last = analyzer.lastSampleAt();

        assertThat(analyzer.closeIfIdle(last.plusSeconds(119).toEpochMilli(), events::add)).isFalse();
        assertThat(summaries(events)).isEmpty();
        assertThat(analyzer.closeIfIdle(last.plusSeconds(120).toEpochMilli(), events::add)).isTrue();
        assertThat(onlySummary(events).holdSeconds()).isEqualTo(30.0);
        assertThat(analyzer.sessionOpen()).isFalse();
        analyzer.closeSession(events::add);
        assertThat(summaries(events)).hasSize(1);
    }

    @Test
    void givenAWearerChange_whenTheActivityContinues_thenANewSession() {
        List<TelemetryBatch> batches = RecordingGenerator.belt("SB-SESSION-1").batchSize(50).activity("walking")
                .hold(Duration.ofSeconds(4)).batches();
        List<AnalysisEvent> events = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-SESSION-1");
        for (int i = 0; i < batches.size(); i++) {
            analyzer.analyze(batches.get(i), BatchContext.of("c", i < 2 ? "w-1" : "w-2", List.of(), null), events::add);
        }
        analyzer.closeSession(events::add);

        assertThat(summaries(events)).extracting(AnalysisEvent::wearerId).containsExactly("w-1", "w-2");
    }

    @Test
    void givenAHold_whenSummarised_thenHoldSecondsAndTimeShareFormScore() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").activity("plank")
                .hold(Duration.ofSeconds(10)).hold(Duration.ofSeconds(10), Pose.flexed(-20))   // arched 10 s
                .hold(Duration.ofSeconds(20), Pose.NEUTRAL);

        AnalysisEvent summary = onlySummary(run(gen));

        assertThat(summary.holdSeconds()).isEqualTo(40.0);
        assertThat(summary.reps()).isZero();
        assertThat(summary.faults()).containsEntry("EXCESSIVE_ARCH", 1);
        // the episode spans its whole condition (10 s), not only from the alert on
        assertThat(summary.formScore()).isEqualTo(75);
    }

    @Test
    void givenOverlappingEpisodesOfDifferentFaults_whenScored_thenTheirUnionCountsOnce() {
        // breath held 10–30 s (alert at 18 s), arched 15–25 s: union 20 s of 60 s
        assertThat(plankScore(10, 30, 15, 25)).isEqualTo(67);
        // arched 25–40 s overlaps the end of the hold: union 10–40 s
        assertThat(plankScore(10, 30, 25, 40)).isEqualTo(50);
        // arched 5–12 s, raised before the hold's alert that reaches back to 10 s: union 5–30 s
        assertThat(plankScore(10, 30, 5, 12)).isEqualTo(58);
        // disjoint: 10–30 s and 40–45 s
        assertThat(plankScore(10, 30, 40, 45)).isEqualTo(58);
    }

    @Test
    void givenAnArchRaisedAndReleasedWhileALaterBreathHoldIsPending_whenScored_thenTheUnionIsStillExact() {
        // arch 1.00–2.00 s (raised 1.30, released 2.00); breath held from 1.24 s (pending while the
        // arch is raised and released; raised 9.24), breathing again at 10.00: union 1.00–10.00 s
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").withStrain(true).activity("plank")
                .hold(Duration.ofSeconds(1)).samples(12, Pose.flexed(-20)).holdBreathAt(0.7)
                .samples(38, Pose.flexed(-20)).samples(400, Pose.NEUTRAL).breathe().samples(100);

        List<AnalysisEvent> events = run(gen);

        assertThat(Harness.ofType(events, FaultCode.EXCESSIVE_ARCH)).hasSize(1);
        assertThat(Harness.ofType(events, FaultCode.BREATH_HOLD)).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(gen.timeOf(62).plusSeconds(8)));
        assertThat(onlySummary(events).formScore()).isEqualTo(25);   // 3 s clean of 12 s
    }

    /** A 60 s plank with a breath hold and an arch at those seconds; its form score. */
    private static int plankScore(int holdFrom, int holdTo, int archFrom, int archTo) {
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").withStrain(true).activity("plank");
        for (int tenth = 0; tenth < 600; tenth++) {
            double s = tenth / 10.0;
            if (s == holdFrom) {
                gen.holdBreathAt(0.7);
            } else if (s == holdTo) {
                gen.breathe();
            }
            boolean arched = s >= archFrom && s < archTo;
            gen.hold(Duration.ofMillis(100), arched ? Pose.flexed(-20) : Pose.NEUTRAL);
        }
        List<AnalysisEvent> events = run(gen);
        assertThat(Harness.ofType(events, FaultCode.BREATH_HOLD)).hasSize(1);
        assertThat(Harness.ofType(events, FaultCode.EXCESSIVE_ARCH)).hasSize(1);
        return onlySummary(events).formScore();
    }

    @Test
    void givenAnActivityWithNeitherRepsNorHold_whenAFaultIsOpenPartOfTheTime_thenTheScoreIsTheCleanShareOfTime() {
        // running: more than 30 peaks/min from the 31st peak (15 s) to the end (60 s)
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").activity("running")
                .impacts(Duration.ofMillis(500), 3.5).hold(Duration.ofSeconds(60));

        AnalysisEvent summary = onlySummary(run(gen));

        assertThat(summary.impacts()).isEqualTo(120);
        assertThat(summary.faults()).containsEntry("HIGH_IMPACT", 1);
        assertThat(summary.formScore()).isEqualTo(25);
        assertThat(summary.holdSeconds()).isZero();
        assertThat(summary.reps()).isZero();
    }

    @Test
    void givenACleanSessionWithoutReps_whenScored_then100() {
        assertThat(onlySummary(run(RecordingGenerator.belt("SB-SESSION-1").activity("walking")
                .hold(Duration.ofSeconds(30)))).formScore()).isEqualTo(100);
    }

    @Test
    void givenARepActivityWithoutReps_whenScored_thenByTime() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").activity("deadlift")
                .hold(Duration.ofSeconds(5)).hold(Duration.ofSeconds(5), Pose.flexed(25));
        AnalysisEvent summary = onlySummary(run(gen));
        assertThat(summary.reps()).isZero();
        assertThat(summary.formScore()).isEqualTo(50);
        assertThat(summary.timeUnderLoadSeconds()).isEqualTo(10.0);
    }

    @Test
    void givenSittingSlumped_whenScored_thenTheWholeSlumpIsFaultyTime() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").rateHz(10).batchSize(100)
                .activity("sitting").hold(Duration.ofMinutes(10)).hold(Duration.ofMinutes(10), Pose.flexed(30));
        AnalysisEvent summary = onlySummary(run(gen));
        assertThat(summary.faults()).containsEntry("SLUMPED_SITTING", 1);
        assertThat(summary.holdSeconds()).isEqualTo(1200.0);
        assertThat(summary.formScore()).isEqualTo(50);
    }

    @Test
    void givenABreathHoldAcrossReps_whenSummarised_thenEveryRepDuringTheHoldHasTheFault() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-SESSION-1").withStrain(true).activity("squat")
                .hold(Duration.ofSeconds(2)).reps(2, Duration.ofSeconds(2), Pose.hinge(50), Duration.ofSeconds(1))
                .holdBreathAt(0.7).reps(4, Duration.ofSeconds(2), Pose.hinge(50), Duration.ofSeconds(1))
                .breathe().reps(2, Duration.ofSeconds(2), Pose.hinge(50), Duration.ofSeconds(1));

        AnalysisEvent summary = onlySummary(run(gen));

        assertThat(summary.repMetrics()).extracting(m -> m.faults().contains("BREATH_HOLD"))
                .containsExactly(false, false, true, true, true, true, false, false);
        assertThat(summary.formScore()).isEqualTo(50);
    }
}
