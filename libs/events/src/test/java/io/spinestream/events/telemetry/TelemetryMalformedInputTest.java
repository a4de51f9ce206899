package io.spinestream.events.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the decoder fuzz run ({@link TelemetryDecoderFuzzTest}) found, each pinned down by an input of its own. */
class TelemetryMalformedInputTest {

    private static final String VALID = TelemetryJson.toJson(Batches.valid(2).build());

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "1e99999999", "1.5e-999999999", "-2.5e99999999"})
    void givenAnIntegerFieldWithAHugeExponent_whenParsed_thenAViolationAtOnceRatherThanSpellingTheNumberOut(String number) {
        for (String field : new String[] {"seq", "rateHz"}) {
            String json = VALID.replaceFirst("\"" + field + "\":[0-9]+", "\"" + field + "\":" + number);

            TelemetryParseResult result = TelemetryJson.parse(json.getBytes(StandardCharsets.UTF_8));

            assertThat(result.violations()).extracting(Violation::field).containsExactly(field);
            assertThat(result.violations().get(0).message()).hasSizeLessThan(200);
        }
    }

    @Test
    void givenAValidBatchInUtf16OrUtf32_whenParsed_thenASyntaxViolationBecauseJsonBetweenSystemsIsUtf8() {
        for (String charset : new String[] {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"}) {
            TelemetryParseResult result = TelemetryJson.parse(VALID.getBytes(java.nio.charset.Charset.forName(charset)));

            assertThat(result.violations()).as(charset).extracting(Violation::field, Violation::rule)
                    .containsExactly(tuple("", Violation.SYNTAX));
        }
    }

    @Test
    void givenAValidBatchWithAByteOrderMark_whenParsed_thenValid() {
        byte[] withBom = ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_8);

        assertThat(TelemetryJson.parse(withBom).isValid()).isTrue();
    }

    @Test
    void givenInvalidUtf8InAString_whenParsed_thenASyntaxViolation() {
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}}) {
            byte[] json = VALID.getBytes(StandardCharsets.UTF_8);
            int at = VALID.indexOf("2.3.1");
            byte[] body = JsonBatchMutator.concat(JsonBatchMutator.slice(json, 0, at), bad,
                    JsonBatchMutator.slice(json, at, json.length));

            assertThat(TelemetryJson.parse(body).violations()).extracting(Violation::rule).containsExactly(Violation.SYNTAX);
        }
    }

    @Test
    void givenFirmwareWithAnEscapedLoneSurrogate_whenParsed_thenASyntaxViolationOfFirmware() {
        String json = VALID.replace("\"2.3.1\"", "\"2.3\\ud800\"");

        assertThat(TelemetryJson.parse(json.getBytes(StandardCharsets.UTF_8)).violations())
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("firmware", Violation.SYNTAX));
        assertThat(TelemetryJson.parse(VALID.replace("\"2.3.1\"", "\"\\ud83d\\ude80\"")).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, Long.MIN_VALUE, 253_402_300_800_000L, -62_167_219_200_001L})
    void givenAProtobufStartedAtNoRfc3339InstantCanSay_whenParsed_thenARangeViolation(long startedAtMs) {
        byte[] body = Batches.valid(2).setStartedAtMs(startedAtMs).build().toByteArray();

        assertThat(TelemetryProtobuf.parse(body).violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("startedAt", Violation.RANGE));
    }

    @ParameterizedTest
    @ValueSource(longs = {253_402_300_799_999L, -62_167_219_200_000L})
    void givenTheFirstAndLastRfc3339Instants_whenParsedInEitherEncoding_thenTheSameValidBatch(long startedAtMs) {
        TelemetryBatch batch = Batches.valid(2).setStartedAtMs(startedAtMs).build();

        assertThat(TelemetryProtobuf.parse(batch.toByteArray()).batch()).isEqualTo(batch);
        assertThat(TelemetryJson.parse(TelemetryJson.toJsonBytes(batch)).batch()).isEqualTo(batch);
    }
}
