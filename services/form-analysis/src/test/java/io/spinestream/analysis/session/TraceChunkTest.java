package io.spinestream.analysis.session;

import io.spinestream.analysis.core.Neutral;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TraceChunkTest {

    static final Neutral NEUTRAL = new Neutral(10f, 1f, -3f, 6f, Neutral.Source.CALIBRATION, null);

    static RecordingGenerator squats(int batchSize) {
        return RecordingGenerator.belt("SB-TRACE-1").rateHz(50).batchSize(batchSize)
                .startAt(Instant.parse("2026-11-20T10:00:00Z")).rawNeutral(new Pose(10, 1, -3, 6)).yawBase(3600)
                .activity("squat").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofSeconds(2), new Pose(24, 2, -7, 50)).hold(Duration.ofSeconds(1));
    }

    private static TraceChunk trace(List<TelemetryBatch> batches) {
        TraceChunk.Builder all = new TraceChunk.Builder(100);
        batches.forEach(b -> all.addAll(TraceChunk.of(b, NEUTRAL, 200)));
        return all.build();
    }

    @Test
    void givenARep_whenTraced_thenOnePointPer200msWithItsPeakFromNeutral() {
        TraceChunk trace = trace(squats(50).batches());

        assertThat(trace.size()).isEqualTo(20);
        assertThat(trace.at().stream().map(t -> Math.floorDiv(t, 200)).distinct().count()).isEqualTo(20);
        assertThat(trace.at()).isSorted();
        assertThat(Collections.max(trace.flexion())).isEqualTo(24.0);
        int peak = trace.flexion().indexOf(24.0);
        assertThat(trace.sideBend().get(peak)).isEqualTo(2.0);
        assertThat(trace.rotation().get(peak)).isEqualTo(-7.0);
        assertThat(trace.hipHinge().get(peak)).isEqualTo(50.0);
        assertThat(trace.flexion().get(0)).isEqualTo(0.0);
    }

    @Test
    void givenTheSameRecordingCutIntoOtherBatches_whenTraced_thenTheSamePoints() {
        assertThat(trace(squats(10).batches())).isEqualTo(trace(squats(50).batches()));
    }

    @Test
    void givenMorePointsThanTheMaximum_whenThinned_thenThePeakSurvives() {
        TraceChunk trace = trace(squats(50).batches());

        TraceChunk thinned = trace.thinnedTo(6);

        assertThat(thinned.size()).isLessThanOrEqualTo(6);
        assertThat(Collections.max(thinned.flexion())).isEqualTo(24.0);
        assertThat(thinned.at()).isSorted().isSubsetOf(trace.at());
        assertThat(trace.thinnedTo(100)).isSameAs(trace);
    }
}
