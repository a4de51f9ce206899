package io.spinestream.bench;

import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.EventSink;
import io.spinestream.bench.BenchRecordings.Sample;
import io.spinestream.bench.BenchRecordings.Workload;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.time.Instant;
import java.util.List;

/**
 * Bytes of analyzer state per belt: the size of {@link BeltAnalyzer#snapshot()}, what the
 * live processor keeps per belt in its state store. Counted, not timed.
 */
public final class StateFootprint {

    private static final EventSink DROP = e -> { };

    /**
     * @param label      what was measured
     * @param idle       after the recording, its session closed (what a belt between sessions keeps)
     * @param midSession after the batch in the middle of the recording
     * @param largest    the largest after any batch of the recording
     */
    public record StateSizes(String label, int idle, int midSession, int largest) {
    }

    private StateFootprint() {
    }

    /** A workload's recording, in batches of 50, on a fresh belt. */
    public static StateSizes of(Workload workload) {
        List<TelemetryBatch> batches = BenchRecordings.recording(workload, 50);
        BeltAnalyzer analyzer = new BeltAnalyzer(BenchRecordings.BELT_ID);
        BatchContext ctx = BenchRecordings.context();
        int mid = batches.size() / 2;
        int midSession = 0;
        int largest = 0;
        for (int i = 0; i < batches.size(); i++) {
            analyzer.analyze(batches.get(i), ctx, DROP);
            int size = analyzer.snapshot().length;
            largest = Math.max(largest, size);
            if (i == mid) {
                midSession = size;
            }
        }
        analyzer.closeSession(DROP);
        return new StateSizes(workload.label() + ", " + workload.rateHz() + " Hz", analyzer.snapshot().length,
                midSession, largest);
    }

    /** Ids as long as a deployment might use: a 32-character belt id, 44-character clinic and wearer ids. */
    static final String WORST_BELT = "SB-WORST-CASE-STATE-000000000001";
    static final String WORST_CLINIC = "clinic-with-a-rather-long-identifier-0000001";

    static String worstWearer(int i) {
        return "wearer-with-a-rather-long-identifier-0000000" + i;
    }

    /**
     * The largest state we could build: three other wearers calibrate on the belt first (so it
     * keeps four wearers' neutrals), then at 400 Hz (the largest median window) a deadlift
     * session of 160 fast reps with flexion, side-bend and rotation near their limits (past
     * the 128 kept rep metrics; the overuse window full at 151), a jump landing of 3.4 g every
     * 300 ms (the impact window full), breath held, long ids. The largest snapshot after any
     * batch (of 400 samples).
     */
    public static StateSizes worstCase() {
        BeltAnalyzer analyzer = new BeltAnalyzer(WORST_BELT);
        int rate = 400;
        Instant start = BenchRecordings.START;
        long seq = 0;
        int largest = 0;
        for (int w = 2; w <= 4; w++) {
            List<TelemetryBatch> calibration = BenchRecordings.recording(StateFootprint::rocking, "calibration", rate,
                    0.8, 400, 4 * rate, WORST_BELT, start, seq, w);
            BatchContext ctx = BatchContext.of(WORST_CLINIC, worstWearer(w), List.of(), Limits.none());
            largest = Math.max(largest, analyze(analyzer, calibration, ctx));
            seq += calibration.size();
            start = start.plusSeconds(10);
        }
        int samples = (int) (160 * 0.9 * rate + rate);
        List<TelemetryBatch> lifting = BenchRecordings.recording(StateFootprint::fastLoadedReps, "deadlift", rate, 0.8,
                400, samples, WORST_BELT, start, seq, 1);
        BatchContext ctx = BatchContext.of(WORST_CLINIC, worstWearer(1), List.of(), Limits.none());
        int mid = 0;
        for (int i = 0; i < lifting.size(); i++) {
            analyzer.analyze(lifting.get(i), ctx, DROP);
            int size = analyzer.snapshot().length;
            largest = Math.max(largest, size);
            if (i == lifting.size() / 2) {
                mid = size;
            }
        }
        analyzer.closeSession(DROP);
        return new StateSizes("worst case: 400 Hz, 160 reps, overuse + impact windows full, 4 neutrals, long ids",
                analyzer.snapshot().length, mid, largest);
    }

    /**
     * A calibration's histograms are kept only while it is collected: the largest state
     * during a 60 s calibration at 400 Hz of wide rocking on all four angles (±40° flexion
     * and rotation, ±30° side-bend and hip hinge, 1° noise), which fills many 0.25° bins.
     */
    public static StateSizes calibrationWorstCase() {
        int rate = 400;
        List<TelemetryBatch> calibration = BenchRecordings.recording(StateFootprint::wideRocking, "calibration", rate,
                1.0, 400, 60 * rate, WORST_BELT, BenchRecordings.START, 0, 5);
        BeltAnalyzer analyzer = new BeltAnalyzer(WORST_BELT);
        BatchContext ctx = BatchContext.of(WORST_CLINIC, worstWearer(1), List.of(), Limits.none());
        int mid = 0;
        int largest = 0;
        for (int i = 0; i < calibration.size(); i++) {
            analyzer.analyze(calibration.get(i), ctx, DROP);
            int size = analyzer.snapshot().length;
            largest = Math.max(largest, size);
            if (i == calibration.size() / 2) {
                mid = size;
            }
        }
        analyzer.closeSession(DROP);
        return new StateSizes("calibration worst case: 60 s at 400 Hz, wide rocking on all four angles",
                analyzer.snapshot().length, mid, largest);
    }

    private static int analyze(BeltAnalyzer analyzer, List<TelemetryBatch> batches, BatchContext ctx) {
        int largest = 0;
        for (TelemetryBatch b : batches) {
            analyzer.analyze(b, ctx, DROP);
            largest = Math.max(largest, analyzer.snapshot().length);
        }
        return largest;
    }

    /** The seeds' calibration: rocking the pelvis forward and back, a 2 s cycle. */
    static void rocking(double t, Sample s) {
        double r = Math.sin(2 * Math.PI * t / 2.0);
        s.flexion = -6 * r;
        s.hipHinge = 8 * r;
        s.sideBend = 0;
        s.rotation = 0;
        s.heading = 0;
        s.acc = 1.0;
        s.strain = BenchRecordings.breathing(t, 4.0);
    }

    static void wideRocking(double t, Sample s) {
        s.flexion = 40 * Math.sin(2 * Math.PI * t / 3.1);
        s.rotation = 40 * Math.sin(2 * Math.PI * t / 4.3);
        s.sideBend = 30 * Math.sin(2 * Math.PI * t / 3.7);
        s.hipHinge = 30 * Math.sin(2 * Math.PI * t / 2.9);
        s.heading = 0;
        s.acc = 1.0;
        s.strain = BenchRecordings.breathing(t, 4.0);
    }

    /** 0.9 s reps to 47.9° of hip hinge, rounded 23.7°, side-bent −13.3°, twisted 12.1°; landings; breath held. */
    static void fastLoadedReps(double t, Sample s) {
        double p = t % 0.9;
        double shape = p < 0.3 ? BenchRecordings.smooth(p / 0.3) : p < 0.45 ? 1 : p < 0.75
                ? 1 - BenchRecordings.smooth((p - 0.45) / 0.3) : 0;
        s.hipHinge = 47.9 * shape;
        s.flexion = 23.7 * shape;
        s.sideBend = -13.3 * shape;
        s.rotation = 12.1 * shape;
        s.heading = 0;
        s.acc = (t % 0.3) < 0.01 ? 3.4 : 1.0;
        s.strain = 0.47;
    }
}
