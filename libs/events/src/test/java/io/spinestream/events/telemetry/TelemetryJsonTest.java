package io.spinestream.events.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryJsonTest {

    private static final String SPEC = new String(Batches.specExampleJson(), StandardCharsets.UTF_8);

    @Test
    void givenSpecExample_whenParsedFromJsonAndProtobuf_thenSameBatch() {
        byte[] protobuf = Batches.specExampleAsProtobuf().toByteArray();

        TelemetryBatch fromJson = TelemetryJson.parse(Batches.specExampleJson()).orElseThrow();
        TelemetryBatch fromProtobuf = TelemetryProtobuf.parse(protobuf).orElseThrow();

        assertThat(fromJson).isEqualTo(fromProtobuf);
        assertThat(fromJson.toByteArray()).isEqualTo(protobuf);
        assertThat(fromJson.getStartedAtMs()).isEqualTo(Instant.parse("2026-11-20T10:15:30.120Z").toEpochMilli());
        assertThat(fromJson.getBattery()).isEqualTo(0.82f);
        assertThat(fromJson.getChannels().getTrunkPitchList()).containsExactly(12.1f, 12.4f);
        assertThat(fromJson.getChannels().getStrainList()).containsExactly(0.42f, 0.43f);
    }

    @Test
    void givenSpecExample_whenWrittenAsJson_thenOneLineEqualToTheSpecJsonCompacted() throws Exception {
        TelemetryBatch batch = TelemetryJson.parse(SPEC).orElseThrow();

        String line = TelemetryJson.toJson(batch);

        assertThat(line).doesNotContain("\n")
                .contains("\"startedAt\":\"2026-11-20T10:15:30.120Z\"")
                .isEqualTo(EventJson.mapper().writeValueAsString(EventJson.mapper().readTree(SPEC)));
    }

    @Test
    void givenSpecExample_whenWrittenAndParsedAgain_thenSameBatch() {
        TelemetryBatch batch = TelemetryJson.parse(SPEC).orElseThrow();

        assertThat(TelemetryJson.parse(TelemetryJson.toJsonBytes(batch)).orElseThrow()).isEqualTo(batch);
    }

    @Test
    void givenAwkwardFloats_whenWrittenAndParsedAgain_thenBitForBitSame() {
        TelemetryBatch batch = Batches.valid(3).setChannels(Batches.valid(3).getChannels().toBuilder()
                .setTrunkYaw(0, 1.0e-7f).setTrunkYaw(1, -0.0f).setTrunkYaw(2, 123456.79f)
                .setPelvisPitch(0, 359.99997f).setStrain(1, Float.MIN_VALUE)).build();

        assertThat(TelemetryJson.parse(TelemetryJson.toJson(batch)).orElseThrow()).isEqualTo(batch);
    }

    @Test
    void givenDecimalsAsBeltsAndPhonesSpellThem_whenParsed_thenEachIsTheFloatTheJdkReads() {
        // The decoder uses Jackson's fast float parser (docs/performance.md): it must round every
        // spelling exactly as Float.parseFloat does, halfway cases, long mantissas and subnormals included.
        java.util.Random random = new java.util.Random(20261121L);
        java.util.List<String> spellings = new java.util.ArrayList<>(java.util.List.of(
                "0", "-0.0", "0.0", "1e-45", "1.4e-45", "7.006492321624085e-46", "359.99998", "-359.999985",
                "1.00000005960464477539062499", "1.000000059604644775390625", "1.00000005960464477539062501",
                "0.1", "0.30000000000000004", "123456.789012345678901234567890", "-17.5E+0", "2.5e-3",
                "359.999999999999999999999999", "3.6E2", "0.000000000000000000000000000000000000011754942"));
        for (int i = 0; i < 3000; ) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (!(Math.abs(f) <= TelemetryValidator.MAX_ABS_ANGLE_DEG)) {
                continue;
            }
            i++;
            spellings.add(Float.toString(f));
            spellings.add(Double.toString(f));
            spellings.add(new java.math.BigDecimal(f).toPlainString());
            spellings.add(String.format(java.util.Locale.ROOT, "%.9e", random.nextDouble() * 720 - 360));
        }
        for (int from = 0; from < spellings.size(); from += 100) {
            java.util.List<String> chunk = spellings.subList(from, Math.min(spellings.size(), from + 100));
            String values = String.join(",", chunk);
            String json = TelemetryJson.toJson(Batches.valid(chunk.size()).build());
            TelemetryBatch parsed = TelemetryJson.parse(json.replaceFirst("\"trunkYaw\"\\s*:\\s*\\[[^\\]]*\\]",
                    java.util.regex.Matcher.quoteReplacement("\"trunkYaw\":[" + values + "]"))).orElseThrow();

            for (int i = 0; i < chunk.size(); i++) {
                assertThat(Float.floatToRawIntBits(parsed.getChannels().getTrunkYaw(i)))
                        .as(chunk.get(i))
                        .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(chunk.get(i))));
            }
        }
    }

    @Test
    void givenOptionalFieldsAbsent_whenWritten_thenTheyAreLeftOutAndStillParse() {
        TelemetryBatch batch = Batches.valid(2).clearActivity().clearFirmware().clearBattery()
                .setChannels(Batches.valid(2).getChannels().toBuilder().clearPelvisAcc().clearStrain()).build();

        String line = TelemetryJson.toJson(batch);

        assertThat(line).doesNotContain("activity", "firmware", "battery", "pelvisAcc", "strain");
        assertThat(TelemetryJson.parse(line).orElseThrow()).isEqualTo(batch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"beltId\":", "not json", "{\"seq\":1}}", "{} {}", "{\"seq\":NaN}"})
    void givenMalformedJson_whenParsed_thenSyntaxViolationNotException(String body) {
        TelemetryParseResult result = TelemetryJson.parse(body);

        assertThat(result.isValid()).isFalse();
        assertThat(result.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("", Violation.SYNTAX));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "42", "\"batch\""})
    void givenJsonThatIsNoObject_whenParsed_thenTypeViolation(String body) {
        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("", Violation.TYPE));
    }

    @Test
    void givenDuplicateField_whenParsed_thenSyntaxViolationNamingIt() {
        String body = SPEC.replace("\"seq\": 1842,", "\"seq\": 1842, \"seq\": 1843,");

        assertThat(TelemetryJson.parse(body).violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo(Violation.SYNTAX))
                .satisfies(v -> assertThat(v.message()).contains("seq"));
    }

    @Test
    void givenEmptyObject_whenParsed_thenEveryRequiredFieldIsRequiredOnce() {
        assertThat(TelemetryJson.parse("{}").violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("beltId", Violation.REQUIRED),
                        tuple("seq", Violation.REQUIRED),
                        tuple("startedAt", Violation.REQUIRED),
                        tuple("rateHz", Violation.REQUIRED),
                        tuple("channels", Violation.REQUIRED));
    }

    @Test
    void givenNullForRequiredAndOptionalFields_whenParsed_thenRequiredOnesReportedOptionalOnesAbsent() {
        String body = SPEC.replace("\"seq\": 1842", "\"seq\": null")
                .replace("\"battery\": 0.82", "\"battery\": null")
                .replace("\"strain\":      [0.42, 0.43]", "\"strain\": null");

        TelemetryParseResult result = TelemetryJson.parse(body);

        assertThat(result.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("seq", Violation.REQUIRED));
    }

    @Test
    void givenNullOptionalFields_whenParsed_thenValidWithoutThem() {
        String body = SPEC.replace("\"battery\": 0.82", "\"battery\": null")
                .replace("\"activity\": \"deadlift\"", "\"activity\": null")
                .replace("\"strain\":      [0.42, 0.43]", "\"strain\": null");

        TelemetryBatch batch = TelemetryJson.parse(body).orElseThrow();

        assertThat(batch.hasBattery()).isFalse();
        assertThat(batch.getActivity()).isEmpty();
        assertThat(Activity.fromCode(batch.getActivity())).contains(Activity.UNKNOWN);
        assertThat(batch.getChannels().getStrainCount()).isZero();
    }

    @Test
    void givenWrongJsonTypes_whenParsed_thenEachIsATypeViolationAndNothingIsReportedTwice() {
        String body = SPEC.replace("\"beltId\": \"SB-000123\"", "\"beltId\": 123")
                .replace("\"seq\": 1842", "\"seq\": \"1842\"")
                .replace("\"rateHz\": 50", "\"rateHz\": 50.5")
                .replace("\"activity\": \"deadlift\"", "\"activity\": [\"deadlift\"]")
                .replace("\"firmware\": \"2.3.1\"", "\"firmware\": 2.31")
                .replace("\"battery\": 0.82", "\"battery\": \"82%\"")
                .replace("\"trunkPitch\":  [12.1, 12.4]", "\"trunkPitch\":  [12.1, \"12.4\"]")
                .replace("\"trunkRoll\":   [0.3, 0.2]", "\"trunkRoll\":   {\"0\": 0.3}")
                .replace("\"strain\":      [0.42, 0.43]", "\"strain\": [0.42, null]");

        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("beltId", Violation.TYPE),
                        tuple("seq", Violation.TYPE),
                        tuple("rateHz", Violation.TYPE),
                        tuple("activity", Violation.TYPE),
                        tuple("firmware", Violation.TYPE),
                        tuple("battery", Violation.TYPE),
                        tuple("channels.trunkPitch[1]", Violation.TYPE),
                        tuple("channels.trunkRoll", Violation.TYPE),
                        tuple("channels.strain[1]", Violation.TYPE));
    }

    @Test
    void givenChannelsNotAnObject_whenParsed_thenOneTypeViolation() {
        String body = "{\"beltId\":\"SB-1X\",\"seq\":1,\"startedAt\":\"2026-11-20T10:15:30Z\",\"rateHz\":50,"
                + "\"channels\":[1,2]}";

        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("channels", Violation.TYPE));
    }

    @Test
    void givenIntegersWithZeroFraction_whenParsed_thenAccepted() {
        String body = SPEC.replace("\"seq\": 1842", "\"seq\": 1842.0").replace("\"rateHz\": 50", "\"rateHz\": 5.0e1");

        TelemetryBatch batch = TelemetryJson.parse(body).orElseThrow();

        assertThat(batch.getSeq()).isEqualTo(1842);
        assertThat(batch.getRateHz()).isEqualTo(50);
    }

    @Test
    void givenIntegersTooLargeForTheirField_whenParsed_thenRangeViolation() {
        String body = SPEC.replace("\"seq\": 1842", "\"seq\": 1e30").replace("\"rateHz\": 50", "\"rateHz\": 4000000000");

        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("seq", Violation.RANGE), tuple("rateHz", Violation.RANGE));
    }

    @Test
    void givenValuesBrokenOnlyAfterConversion_whenParsed_thenValidatorRulesApplyWithJsonFieldNames() {
        String body = SPEC.replace("\"seq\": 1842", "\"seq\": -1")
                .replace("\"rateHz\": 50", "\"rateHz\": 401")
                .replace("\"battery\": 0.82", "\"battery\": 1.01")
                .replace("\"activity\": \"deadlift\"", "\"activity\": \"yoga\"")
                .replace("\"trunkPitch\":  [12.1, 12.4]", "\"trunkPitch\":  [12.1, 1e39]")
                .replace("\"pelvisPitch\": [8.0, 8.1]", "\"pelvisPitch\": [8.0, 361]")
                .replace("\"pelvisAcc\":   [1.01, 0.99]", "\"pelvisAcc\":   [1.01]");

        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("seq", Violation.RANGE),
                        tuple("rateHz", Violation.RANGE),
                        tuple("activity", Violation.ENUM),
                        tuple("battery", Violation.RANGE),
                        tuple("channels.trunkPitch[1]", Violation.FINITE),
                        tuple("channels.pelvisPitch[1]", Violation.RANGE),
                        tuple("channels.pelvisAcc", Violation.EQUAL_LENGTH));
    }

    @Test
    void givenExplicitlyEmptyChannel_whenParsed_thenRangeViolationForThatChannelOnly() {
        String body = SPEC.replace("\"strain\":      [0.42, 0.43]", "\"strain\": []")
                .replace("\"trunkYaw\":    [31.0, 31.2]", "\"trunkYaw\": []");

        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("channels.trunkYaw", Violation.RANGE), tuple("channels.strain", Violation.RANGE));
    }

    @Test
    void givenRequiredChannelMissing_whenParsed_thenRequiredViolationNamingIt() {
        String body = SPEC.replace("\"pelvisYaw\":   [30.5, 30.6],", "");

        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("channels.pelvisYaw", Violation.REQUIRED));
    }

    @Test
    void givenUnknownFields_whenParsed_thenIgnoredAsExtensions() {
        String body = SPEC.replace("\"seq\": 1842,", "\"seq\": 1842, \"gateway\": {\"id\": [1, {\"x\": 2}]},")
                .replace("\"strain\":", "\"temperature\": [36.5, 36.6], \"strain\":");

        assertThat(TelemetryJson.parse(body).orElseThrow()).isEqualTo(Batches.specExampleAsProtobuf());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20 10:15:30.120Z", "2026-11-20T10:15:30.120", "2026-11-20T10:15Z",
            "20261120T101530Z", "2026-02-30T10:15:30Z", "2026-11-20T24:00:00Z", "2026-11-20T10:15:60Z",
            "2026-11-20T10:15:30.Z", "yesterday"})
    void givenStartedAtNotRfc3339_whenParsed_thenFormatViolation(String startedAt) {
        String body = SPEC.replace("2026-11-20T10:15:30.120Z", startedAt);

        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("startedAt", Violation.FORMAT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T11:15:30.120+01:00", "2026-11-20T05:15:30.120-05:00"})
    void givenStartedAtWithNonUtcOffset_whenParsed_thenUtcViolation(String startedAt) {
        String body = SPEC.replace("2026-11-20T10:15:30.120Z", startedAt);

        assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("startedAt", Violation.UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T10:15:30.120Z", "2026-11-20t10:15:30.120z", "2026-11-20T10:15:30.120+00:00",
            "2026-11-20T10:15:30.120-00:00", "2026-11-20T10:15:30.1209999Z", "2026-11-20T10:15:30.12Z"})
    void givenStartedAtInAnyUtcSpelling_whenParsed_thenSameMillisecond(String startedAt) {
        String body = SPEC.replace("2026-11-20T10:15:30.120Z", startedAt);

        assertThat(TelemetryJson.parse(body).orElseThrow().getStartedAtMs()).isEqualTo(Batches.SPEC_STARTED_AT_MS);
    }

    @Test
    void givenStartedAtWithoutFraction_whenParsed_thenWholeSecond() {
        String body = SPEC.replace("2026-11-20T10:15:30.120Z", "2026-11-20T10:15:30Z");

        assertThat(TelemetryJson.parse(body).orElseThrow().getStartedAtMs())
                .isEqualTo(Instant.parse("2026-11-20T10:15:30Z").toEpochMilli());
    }

    @Test
    void givenInvalidBatch_whenResultUnwrapped_thenExceptionCarriesEveryViolation() {
        TelemetryParseResult result = TelemetryJson.parse("{}");

        assertThatThrownBy(result::orElseThrow)
                .isInstanceOf(InvalidTelemetryException.class)
                .hasMessageContaining("beltId")
                .satisfies(e -> assertThat(((InvalidTelemetryException) e).violations())
                        .isEqualTo(result.violations()));
        assertThat(result.batch()).isNull();
    }

    @Test
    void givenMaximalBatch_whenWrittenAndParsed_thenSameBatch() {
        TelemetryBatch batch = Batches.valid(TelemetryValidator.MAX_SAMPLES).build();

        assertThat(TelemetryJson.parse(TelemetryJson.toJson(batch)).orElseThrow()).isEqualTo(batch);
    }

    @Test
    void givenGarbageProtobuf_whenParsed_thenSyntaxViolation() {
        byte[] garbage = {(byte) 0x0a, (byte) 0xff, 0x01};

        assertThat(TelemetryProtobuf.parse(garbage).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("", Violation.SYNTAX));
    }
}
