package io.spinestream.e2e.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

/**
 * A belt's deterministic telemetry in the wire format of telemetry.md: its own sample clock
 * (continuous across calls, so consecutive calls form one session) and sequence numbers.
 *
 * <p>A rep lasts {@link #REP_SAMPLES} samples at {@link #RATE_HZ} Hz: {@link #REST_SAMPLES} still,
 * the hinge down and up as {@code sin²}, still again. Angles follow the hinge, so a rep rounded to
 * 25° is above the 20° default limit for 0.7 s (the spec's minimum is 200 ms) and back below the 3°
 * hysteresis long before the rep ends; a 16° rep never reaches 20° but is above 12° for 0.8 s.
 * Orientation only: no {@code pelvisAcc} or {@code strain}, so impact and breathing rules stay silent.
 */
public final class BeltTelemetry {

    public static final int RATE_HZ = 50;
    public static final int REST_SAMPLES = 15;
    public static final int MOVE_SAMPLES = 120;
    public static final int REP_SAMPLES = REST_SAMPLES + MOVE_SAMPLES + REST_SAMPLES;
    static final long SAMPLE_MS = 1000 / RATE_HZ;
    /** The pelvis pod's heading; only the trunk-minus-pelvis difference means anything. */
    static final double HEADING_DEG = 30.0;

    private final String beltId;
    private long nextSeq;
    private long nextSampleMs;

    /**
     * @param start    the instant of the first sample (must not be before the belt's wearer was assigned:
     *                 ingest attributes a batch to the wearer assigned at its {@code startedAt})
     * @param firstSeq the first batch's sequence number
     */
    public BeltTelemetry(String beltId, Instant start, long firstSeq) {
        this.beltId = beltId;
        this.nextSeq = firstSeq;
        this.nextSampleMs = start.toEpochMilli();
    }

    public String beltId() {
        return beltId;
    }

    /** The sequence number the next batch gets. */
    public long nextSeq() {
        return nextSeq;
    }

    /** The instant of the next sample. */
    public Instant clock() {
        return Instant.ofEpochMilli(nextSampleMs);
    }

    /** The instant of the last sample produced. */
    public Instant lastSample() {
        return Instant.ofEpochMilli(nextSampleMs - SAMPLE_MS);
    }

    /** A set of {@code reps} of {@code activity}, one batch per rep. */
    public List<TelemetryBatch> set(String activity, List<Rep> reps) {
        List<TelemetryBatch> batches = new ArrayList<>();
        for (Rep rep : reps) {
            batches.add(batch(activity, Samples.of(rep)));
        }
        return batches;
    }

    /** One batch of {@code activity} in which the wearer holds still, upright, for {@code duration}. */
    public TelemetryBatch still(String activity, Duration duration) {
        return batch(activity, Samples.still((int) Math.max(1, duration.toMillis() / SAMPLE_MS)));
    }

    /** Moves the sample clock on without data, e.g. past the 2-minute gap that ends a session. */
    public void pause(Duration duration) {
        nextSampleMs += duration.toMillis();
    }

    private TelemetryBatch batch(String activity, Samples samples) {
        TelemetryBatch batch = TelemetryBatch.newBuilder()
                .setBeltId(beltId)
                .setSeq(nextSeq++)
                .setStartedAtMs(nextSampleMs)
                .setRateHz(RATE_HZ)
                .setActivity(activity)
                .setFirmware("2.3.1")
                .setBattery(0.8f)
                .setChannels(samples.channels())
                .build();
        nextSampleMs += samples.count() * SAMPLE_MS;
        return batch;
    }

    /** The six orientation channels of a run of samples. */
    private record Samples(float[] hinge, float[] flexion, float[] rotation) {

        static Samples of(Rep rep) {
            float[] hinge = new float[REP_SAMPLES];
            float[] flexion = new float[REP_SAMPLES];
            float[] rotation = new float[REP_SAMPLES];
            for (int i = REST_SAMPLES; i < REST_SAMPLES + MOVE_SAMPLES; i++) {
                double phase = (i - REST_SAMPLES) / (double) MOVE_SAMPLES;
                double depth = Math.pow(Math.sin(Math.PI * phase), 2);
                hinge[i] = (float) (Rep.HINGE_DEG * depth);
                flexion[i] = (float) (rep.peakFlexionDeg() * depth);
                rotation[i] = (float) (rep.peakRotationDeg() * depth);
            }
            return new Samples(hinge, flexion, rotation);
        }

        static Samples still(int count) {
            return new Samples(new float[count], new float[count], new float[count]);
        }

        int count() {
            return hinge.length;
        }

        Channels channels() {
            Channels.Builder c = Channels.newBuilder();
            for (int i = 0; i < count(); i++) {
                c.addPelvisPitch(hinge[i]);
                c.addTrunkPitch(hinge[i] + flexion[i]);
                c.addPelvisRoll(0f);
                c.addTrunkRoll(0f);
                c.addPelvisYaw((float) HEADING_DEG);
                c.addTrunkYaw((float) (HEADING_DEG + rotation[i]));
            }
            return c.build();
        }
    }
}
