package io.spinestream.events.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TelemetryValidatorTest {

    private static Arguments rule(String name, UnaryOperator<TelemetryBatch.Builder> change, String field, String rule) {
        return Arguments.of(name, change, field, rule);
    }

    private static Arguments ok(String name, UnaryOperator<TelemetryBatch.Builder> change) {
        return Arguments.of(name, change);
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule("beltId absent", b -> b.clearBeltId(), "beltId", Violation.REQUIRED),
                rule("beltId lowercase", b -> b.setBeltId("sb-000123"), "beltId", Violation.PATTERN),
                rule("beltId 2 chars", b -> b.setBeltId("AB"), "beltId", Violation.PATTERN),
                rule("beltId 33 chars", b -> b.setBeltId("A".repeat(33)), "beltId", Violation.PATTERN),
                rule("beltId underscore", b -> b.setBeltId("SB_1"), "beltId", Violation.PATTERN),
                rule("seq -1", b -> b.setSeq(-1), "seq", Violation.RANGE),
                rule("startedAt absent", b -> b.clearStartedAtMs(), "startedAt", Violation.REQUIRED),
                rule("rateHz 0 (absent)", b -> b.setRateHz(0), "rateHz", Violation.RANGE),
                rule("rateHz 401", b -> b.setRateHz(401), "rateHz", Violation.RANGE),
                rule("rateHz negative", b -> b.setRateHz(-50), "rateHz", Violation.RANGE),
                rule("activity not a code", b -> b.setActivity("yoga"), "activity", Violation.ENUM),
                rule("activity wrong case", b -> b.setActivity("Deadlift"), "activity", Violation.ENUM),
                rule("firmware 33 chars", b -> b.setFirmware("f".repeat(33)), "firmware", Violation.LENGTH),
                rule("battery 1.01", b -> b.setBattery(1.01f), "battery", Violation.RANGE),
                rule("battery -0.01", b -> b.setBattery(-0.01f), "battery", Violation.RANGE),
                rule("battery NaN", b -> b.setBattery(Float.NaN), "battery", Violation.FINITE),
                rule("channels absent", b -> b.clearChannels(), "channels", Violation.REQUIRED),
                rule("trunkYaw absent", b -> b.setChannels(b.getChannels().toBuilder().clearTrunkYaw()),
                        "channels.trunkYaw", Violation.REQUIRED),
                rule("pelvisRoll absent", b -> b.setChannels(b.getChannels().toBuilder().clearPelvisRoll()),
                        "channels.pelvisRoll", Violation.REQUIRED),
                rule("strain shorter", b -> b.setChannels(b.getChannels().toBuilder().clearStrain().addStrain(0.4f)),
                        "channels.strain", Violation.EQUAL_LENGTH),
                rule("pelvisPitch longer", b -> b.setChannels(b.getChannels().toBuilder().addPelvisPitch(1f)),
                        "channels.pelvisPitch", Violation.EQUAL_LENGTH),
                rule("2001 samples", b -> Batches.valid(2001), "channels", Violation.RANGE),
                rule("trunkPitch NaN", b -> setSample(b, TelemetryChannel.TRUNK_PITCH, 3, Float.NaN),
                        "channels.trunkPitch[3]", Violation.FINITE),
                rule("pelvisYaw infinite", b -> setSample(b, TelemetryChannel.PELVIS_YAW, 1, Float.POSITIVE_INFINITY),
                        "channels.pelvisYaw[1]", Violation.FINITE),
                rule("trunkPitch 360.5", b -> setSample(b, TelemetryChannel.TRUNK_PITCH, 0, 360.5f),
                        "channels.trunkPitch[0]", Violation.RANGE),
                rule("trunkRoll -361", b -> setSample(b, TelemetryChannel.TRUNK_ROLL, 2, -361f),
                        "channels.trunkRoll[2]", Violation.RANGE),
                rule("pelvisPitch 400", b -> setSample(b, TelemetryChannel.PELVIS_PITCH, 4, 400f),
                        "channels.pelvisPitch[4]", Violation.RANGE),
                rule("pelvisRoll -400", b -> setSample(b, TelemetryChannel.PELVIS_ROLL, 4, -400f),
                        "channels.pelvisRoll[4]", Violation.RANGE),
                rule("pelvisAcc negative", b -> setSample(b, TelemetryChannel.PELVIS_ACC, 1, -0.1f),
                        "channels.pelvisAcc[1]", Violation.RANGE),
                rule("pelvisAcc NaN", b -> setSample(b, TelemetryChannel.PELVIS_ACC, 1, Float.NaN),
                        "channels.pelvisAcc[1]", Violation.FINITE),
                rule("strain 1.01", b -> setSample(b, TelemetryChannel.STRAIN, 0, 1.01f),
                        "channels.strain[0]", Violation.RANGE),
                rule("strain -0.01", b -> setSample(b, TelemetryChannel.STRAIN, 0, -0.01f),
                        "channels.strain[0]", Violation.RANGE));
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                ok("beltId 3 chars", b -> b.setBeltId("A-1")),
                ok("beltId 32 chars", b -> b.setBeltId("A".repeat(32))),
                ok("seq 0", b -> b.setSeq(0)),
                ok("seq max", b -> b.setSeq(Long.MAX_VALUE)),
                ok("startedAt epoch 0 (present)", b -> b.setStartedAtMs(0)),
                ok("rateHz 1", b -> b.setRateHz(1)),
                ok("rateHz 400", b -> b.setRateHz(400)),
                ok("activity absent", b -> b.clearActivity()),
                ok("activity unknown", b -> b.setActivity("unknown")),
                ok("activity every code", b -> b.setActivity("romanian_deadlift")),
                ok("firmware absent", b -> b.clearFirmware()),
                ok("firmware 32 chars", b -> b.setFirmware("f".repeat(32))),
                ok("firmware 32 non-BMP chars", b -> b.setFirmware("\uD83D\uDE00".repeat(32))),
                ok("battery absent", b -> b.clearBattery()),
                ok("battery 0.0", b -> b.setBattery(0f)),
                ok("battery 1.0", b -> b.setBattery(1f)),
                ok("optional channels absent", b -> b.setChannels(b.getChannels().toBuilder().clearPelvisAcc().clearStrain())),
                ok("1 sample", b -> Batches.valid(1)),
                ok("2000 samples", b -> Batches.valid(2000)),
                ok("pitch 360", b -> setSample(b, TelemetryChannel.TRUNK_PITCH, 0, 360f)),
                ok("roll -360", b -> setSample(b, TelemetryChannel.PELVIS_ROLL, 0, -360f)),
                ok("yaw far unwrapped", b -> setSample(b, TelemetryChannel.TRUNK_YAW, 0, -12345.5f)),
                ok("pelvisAcc 0", b -> setSample(b, TelemetryChannel.PELVIS_ACC, 0, 0f)),
                ok("pelvisAcc 16 g", b -> setSample(b, TelemetryChannel.PELVIS_ACC, 0, 16f)),
                ok("strain 0", b -> setSample(b, TelemetryChannel.STRAIN, 0, 0f)),
                ok("strain 1", b -> setSample(b, TelemetryChannel.STRAIN, 0, 1f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void givenBatchBreakingOneRule_whenValidated_thenExactlyThatFieldAndRuleReported(
            String name, UnaryOperator<TelemetryBatch.Builder> change, String field, String rule) {
        TelemetryBatch batch = change.apply(Batches.valid(10)).build();

        List<Violation> violations = TelemetryValidator.validate(batch);

        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, rule));
        assertThat(violations.get(0).message()).isNotBlank();
        assertThat(TelemetryValidator.check(batch).isValid()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void givenBatchAtABoundary_whenValidated_thenAccepted(String name, UnaryOperator<TelemetryBatch.Builder> change) {
        TelemetryBatch batch = change.apply(Batches.valid(10)).build();

        assertThat(TelemetryValidator.validate(batch)).isEmpty();
        assertThat(TelemetryValidator.check(batch).orElseThrow()).isSameAs(batch);
    }

    @Test
    void givenSpecExample_whenValidated_thenValid() {
        assertThat(TelemetryValidator.validate(Batches.specExampleAsProtobuf())).isEmpty();
    }

    @Test
    void givenEveryActivityCode_whenValidated_thenAccepted() {
        for (Activity activity : Activity.values()) {
            assertThat(TelemetryValidator.validate(Batches.valid(2).setActivity(activity.code()).build()))
                    .as(activity.code()).isEmpty();
        }
    }

    @Test
    void givenBatchBreakingManyRules_whenValidated_thenAllAreReported() {
        TelemetryBatch batch = setSample(setSample(Batches.valid(10), TelemetryChannel.TRUNK_PITCH, 1, Float.NaN),
                TelemetryChannel.STRAIN, 9, 2f)
                .setBeltId("x").setSeq(-5).setRateHz(1000).setBattery(3f)
                .build();

        assertThat(TelemetryValidator.validate(batch)).extracting(Violation::field).containsExactly(
                "beltId", "seq", "rateHz", "battery", "channels.trunkPitch[1]", "channels.strain[9]");
    }

    @Test
    void givenEmptyBatch_whenValidated_thenEveryRequiredFieldIsNamed() {
        assertThat(TelemetryValidator.validate(TelemetryBatch.getDefaultInstance()))
                .extracting(Violation::field)
                .containsExactly("beltId", "startedAt", "rateHz", "channels");
    }

    private static TelemetryBatch.Builder setSample(TelemetryBatch.Builder batch, TelemetryChannel channel,
                                                    int index, float value) {
        Channels.Builder channels = batch.getChannels().toBuilder();
        switch (channel) {
            case TRUNK_PITCH -> channels.setTrunkPitch(index, value);
            case TRUNK_ROLL -> channels.setTrunkRoll(index, value);
            case TRUNK_YAW -> channels.setTrunkYaw(index, value);
            case PELVIS_PITCH -> channels.setPelvisPitch(index, value);
            case PELVIS_ROLL -> channels.setPelvisRoll(index, value);
            case PELVIS_YAW -> channels.setPelvisYaw(index, value);
            case PELVIS_ACC -> channels.setPelvisAcc(index, value);
            case STRAIN -> channels.setStrain(index, value);
        }
        return batch.setChannels(channels);
    }
}
