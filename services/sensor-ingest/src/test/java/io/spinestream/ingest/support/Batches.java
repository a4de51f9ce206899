package io.spinestream.ingest.support;

import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Telemetry batches as a belt sends them: the spec's example, with any field replaced. */
public final class Batches {

    public static final String STARTED_AT = "2026-11-20T10:15:30.120Z";
    public static final String CHANNELS = "{\"trunkPitch\":[12.1,12.4],\"trunkRoll\":[0.3,0.2],\"trunkYaw\":[31.0,31.2],"
            + "\"pelvisPitch\":[8.0,8.1],\"pelvisRoll\":[0.1,0.1],\"pelvisYaw\":[30.5,30.6],"
            + "\"pelvisAcc\":[1.01,0.99],\"strain\":[0.42,0.43]}";

    private Batches() {
    }

    /** The spec's example batch as JSON, for this belt and seq. */
    public static String json(String beltId, long seq) {
        return json(beltId, seq, Map.of());
    }

    /**
     * The spec's example with fields replaced by raw JSON fragments ({@code "battery" -> "1.5"});
     * a {@code null} fragment leaves the field out.
     */
    public static String json(String beltId, long seq, Map<String, String> replaced) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("beltId", "\"" + beltId + "\"");
        fields.put("seq", Long.toString(seq));
        fields.put("startedAt", "\"" + STARTED_AT + "\"");
        fields.put("rateHz", "50");
        fields.put("activity", "\"deadlift\"");
        fields.put("firmware", "\"2.3.1\"");
        fields.put("battery", "0.82");
        fields.put("channels", CHANNELS);
        fields.putAll(replaced);
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (value != null) {
                json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value);
            }
        });
        return json.append('}').toString();
    }

    /** The same batch as {@link #json(String, long)}, built field by field as a Protobuf encoder would. */
    public static TelemetryBatch.Builder proto(String beltId, long seq) {
        return TelemetryBatch.newBuilder()
                .setBeltId(beltId)
                .setSeq(seq)
                .setStartedAtMs(Instant.parse(STARTED_AT).toEpochMilli())
                .setRateHz(50)
                .setActivity("deadlift")
                .setFirmware("2.3.1")
                .setBattery(0.82f)
                .setChannels(Channels.newBuilder()
                        .addTrunkPitch(12.1f).addTrunkPitch(12.4f)
                        .addTrunkRoll(0.3f).addTrunkRoll(0.2f)
                        .addTrunkYaw(31.0f).addTrunkYaw(31.2f)
                        .addPelvisPitch(8.0f).addPelvisPitch(8.1f)
                        .addPelvisRoll(0.1f).addPelvisRoll(0.1f)
                        .addPelvisYaw(30.5f).addPelvisYaw(30.6f)
                        .addPelvisAcc(1.01f).addPelvisAcc(0.99f)
                        .addStrain(0.42f).addStrain(0.43f));
    }

    /** Channels JSON with every one of the six required channels of {@code n} samples of {@code value}. */
    public static String channelsOf(int n, String value) {
        String samples = "[" + String.join(",", java.util.Collections.nCopies(n, value)) + "]";
        return "{\"trunkPitch\":" + samples + ",\"trunkRoll\":" + samples + ",\"trunkYaw\":" + samples
                + ",\"pelvisPitch\":" + samples + ",\"pelvisRoll\":" + samples + ",\"pelvisYaw\":" + samples + "}";
    }
}
