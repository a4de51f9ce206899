package io.spinestream.bench.platform;

import java.util.ArrayList;
import java.util.List;

import io.spinestream.analysis.core.EffectiveLimits;
import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.simulator.motion.GeneratedBatch;
import io.spinestream.simulator.motion.MotionGenerator;
import io.spinestream.simulator.motion.Scenario;

/**
 * What the benchmark's belts send: batches of the simulator's motion model (the {@code mixed}
 * scenario, no injected faults), made once for a few dozen wearers and shared by all belts (a belt
 * uses wearer {@code belt % wearers}), then stamped with the belt's id, seq and time for each upload.
 * Each belt's batches follow each other in time ({@link IngestLoad.Belt} keeps where it is), as the
 * analyzer expects.
 */
public final class BeltBodies {

    static final int RATE_HZ = 50;
    private static final int WEARERS = 32;
    private static final String FIRMWARE = "bench-1.0";

    private final int batchSize;
    private final List<List<TelemetryBatch>> byWearer = new ArrayList<>();

    /**
     * @param batchSize samples per batch (a batch never spans an activity change, so some are shorter)
     * @param seconds   seconds of motion made per wearer (then repeated)
     */
    public BeltBodies(int batchSize, int seconds, long seed) {
        this.batchSize = batchSize;
        for (int w = 0; w < WEARERS; w++) {
            MotionGenerator motion = MotionGenerator.live(Scenario.MIXED, RATE_HZ, 0.0, EffectiveLimits.DEFAULTS,
                    seed + w, new long[0]);
            List<TelemetryBatch> batches = new ArrayList<>();
            for (GeneratedBatch g : motion.advanceTo(seconds * 1_000_000L, batchSize)) {
                batches.add(g.toTelemetry("", 0, 0, RATE_HZ, FIRMWARE, 0.8f));
            }
            byWearer.add(batches);
        }
    }

    public int batchSize() {
        return batchSize;
    }

    /** Belt {@code belt}'s {@code k}-th batch (k from 0), with that seq and start. */
    public TelemetryBatch batch(int belt, String beltId, long k, long seq, long startedAtMs) {
        List<TelemetryBatch> own = byWearer.get(belt % WEARERS);
        TelemetryBatch t = own.get((int) (k % own.size()));
        return t.toBuilder().setBeltId(beltId).setSeq(seq).setStartedAtMs(startedAtMs).build();
    }

    /** The next batch of a belt of the load, which then moves on by one batch. */
    public TelemetryBatch next(IngestLoad.Belt b) {
        TelemetryBatch batch = batch(b.index, b.account.beltId(), b.k++, b.nextSeq++, b.nextStartMs);
        b.nextStartMs += batch.getChannels().getTrunkPitchCount() * 1000L / RATE_HZ;
        return batch;
    }

    public static byte[] encode(TelemetryBatch batch, boolean protobuf) {
        return protobuf ? batch.toByteArray() : TelemetryJson.toJsonBytes(batch);
    }

    /** The record ingest would write for it. */
    public static IngestedBatch ingested(TelemetryBatch batch, String clinicId, long receivedAtMs) {
        return IngestedBatch.newBuilder().setBatch(batch).setClinicId(clinicId).setWearerId("")
                .setReceivedAtMs(receivedAtMs).build();
    }
}
