package io.spinestream.simulator.motion;

import io.spinestream.events.telemetry.TelemetryChannel;
import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.util.List;

/**
 * Samples of one activity, in the channel order of {@link TelemetryChannel#all()}, with the
 * injected faults whose alert falls on one of them.
 *
 * @param firstIndex index of the first sample since the belt's start
 * @param firstUs    its time, µs since the belt's start
 * @param activity   the activity the app reports
 * @param channels   {@code channels[c][i]}: channel {@code c} (trunkPitch, trunkRoll, trunkYaw,
 *                   pelvisPitch, pelvisRoll, pelvisYaw, pelvisAcc, strain), sample {@code i}
 * @param faults     the injected faults the analyzer should raise at one of these samples
 */
public record GeneratedBatch(long firstIndex, long firstUs, String activity, float[][] channels,
                             List<InjectedFault> faults) {

    public int size() {
        return channels[0].length;
    }

    /**
     * The batch of telemetry.md.
     *
     * @param startEpochMs the belt's start; {@code startedAt} is that plus the first sample's time
     */
    public TelemetryBatch toTelemetry(String beltId, long seq, long startEpochMs, int rateHz, String firmware,
                                      Float battery) {
        Channels.Builder c = Channels.newBuilder();
        List<TelemetryChannel> all = TelemetryChannel.all();
        for (int k = 0; k < all.size(); k++) {
            float[] values = channels[k];
            for (float v : values) {
                add(c, all.get(k), v);
            }
        }
        TelemetryBatch.Builder b = TelemetryBatch.newBuilder()
                .setBeltId(beltId)
                .setSeq(seq)
                .setStartedAtMs(startEpochMs + Math.floorDiv(firstUs, 1000))
                .setRateHz(rateHz)
                .setActivity(activity)
                .setChannels(c);
        if (firmware != null) {
            b.setFirmware(firmware);
        }
        if (battery != null) {
            b.setBattery(battery);
        }
        return b.build();
    }

    private static void add(Channels.Builder c, TelemetryChannel channel, float v) {
        switch (channel) {
            case TRUNK_PITCH -> c.addTrunkPitch(v);
            case TRUNK_ROLL -> c.addTrunkRoll(v);
            case TRUNK_YAW -> c.addTrunkYaw(v);
            case PELVIS_PITCH -> c.addPelvisPitch(v);
            case PELVIS_ROLL -> c.addPelvisRoll(v);
            case PELVIS_YAW -> c.addPelvisYaw(v);
            case PELVIS_ACC -> c.addPelvisAcc(v);
            case STRAIN -> c.addStrain(v);
        }
    }
}
