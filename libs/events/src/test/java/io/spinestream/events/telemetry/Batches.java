package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Test batches. */
final class Batches {

    static final long SPEC_STARTED_AT_MS = Instant.parse("2026-11-20T10:15:30.120Z").toEpochMilli();

    private Batches() {
    }

    /** A valid batch of {@code n} samples with every channel present. */
    static TelemetryBatch.Builder valid(int n) {
        Channels.Builder channels = Channels.newBuilder();
        for (int i = 0; i < n; i++) {
            channels.addTrunkPitch(12f + i % 10).addTrunkRoll(0.3f).addTrunkYaw(31f)
                    .addPelvisPitch(8f).addPelvisRoll(0.1f).addPelvisYaw(30.5f)
                    .addPelvisAcc(1f).addStrain(0.42f);
        }
        return TelemetryBatch.newBuilder()
                .setBeltId("SB-000123")
                .setSeq(1842)
                .setStartedAtMs(SPEC_STARTED_AT_MS)
                .setRateHz(50)
                .setActivity("deadlift")
                .setFirmware("2.3.1")
                .setBattery(0.82f)
                .setChannels(channels);
    }

    /** The example of telemetry.md, built field by field as a belt's Protobuf encoder would. */
    static TelemetryBatch specExampleAsProtobuf() {
        return TelemetryBatch.newBuilder()
                .setBeltId("SB-000123")
                .setSeq(1842)
                .setStartedAtMs(SPEC_STARTED_AT_MS)
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
                        .addStrain(0.42f).addStrain(0.43f))
                .build();
    }

    static byte[] specExampleJson() {
        try (InputStream in = Batches.class.getResourceAsStream("/spec-example.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
