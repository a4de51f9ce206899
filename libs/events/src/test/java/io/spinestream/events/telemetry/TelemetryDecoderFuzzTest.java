package io.spinestream.events.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.UnknownFieldSet;
import io.spinestream.events.telemetry.JsonBatchMutator.Input;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the two telemetry decoders ({@link TelemetryJson}, {@link TelemetryProtobuf}) with many random and
 * mutated inputs (docs/security.md, "Malformed input and fuzzing"). For every input a decoder must answer its
 * documented result and nothing else: a batch that keeps every rule of telemetry.md (checked by
 * {@link TelemetryContract}, written from the spec, and by both encodings giving the batch back unchanged), or
 * violations naming a field and a rule. Never an exception, never a hang.
 *
 * <p>Reproducible: input {@code i} comes from {@code new Random(seed * 31 + i)} alone. The seed is
 * {@code -Dspinestream.fuzz.seed} (a number, or {@code random} for a new one each run; fixed by default, so CI
 * runs the same inputs), the count per encoding {@code -Dspinestream.fuzz.inputs}. A failure prints the seed,
 * the input's number and what was done to it.
 */
class TelemetryDecoderFuzzTest {

    private static final long SEED = seed();
    /** JSON inputs cost several times what Protobuf ones do (text, and a second strict reading): fewer of them. */
    private static final int JSON_INPUTS = Integer.getInteger("spinestream.fuzz.inputs", 6_000);
    private static final int PROTOBUF_INPUTS = Integer.getInteger("spinestream.fuzz.inputs", 10_000);
    /** A hang detector, not a timing assertion: a decoder's answer takes well under a millisecond to a few. */
    private static final Duration HANG = Duration.ofSeconds(20);
    private static final int FAILURES_SHOWN = 10;

    private static final Set<String> RULES = Set.of(Violation.REQUIRED, Violation.TYPE, Violation.RANGE, Violation.PATTERN,
            Violation.LENGTH, Violation.ENUM, Violation.EQUAL_LENGTH, Violation.FINITE, Violation.FORMAT, Violation.UTC,
            Violation.SYNTAX);
    private static final Pattern FIELDS = Pattern.compile("|beltId|seq|startedAt|rateHz|activity|firmware|battery|channels"
            + "(\\.(trunkPitch|trunkRoll|trunkYaw|pelvisPitch|pelvisRoll|pelvisYaw|pelvisAcc|strain)(\\[\\d+])?)?");
    /** Strict reading of the accepted JSON, as an independent second opinion on what it says. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static ExecutorService decoder;

    @BeforeAll
    static void startDecoderThread() {
        decoder = newDecoderThread();
    }

    @AfterAll
    static void stopDecoderThread() {
        decoder.shutdownNow();
    }

    @Test
    void givenThousandsOfRandomAndMutatedJsonBodies_whenDecoded_thenEachIsAContractKeepingBatchOrNamedViolations() {
        List<String> failures = fuzz("JSON", JSON_INPUTS, JsonBatchMutator::next, TelemetryJson::parse,
                TelemetryDecoderFuzzTest::checkJson);

        assertThat(failures).as(report("JSON", failures)).isEmpty();
    }

    @Test
    void givenThousandsOfRandomAndMutatedProtobufBodies_whenDecoded_thenEachIsAContractKeepingBatchOrNamedViolations() {
        List<String> failures = fuzz("Protobuf", PROTOBUF_INPUTS, ProtobufBatchMutator::next,
                TelemetryProtobuf::parse, TelemetryDecoderFuzzTest::checkProtobuf);

        assertThat(failures).as(report("Protobuf", failures)).isEmpty();
    }

    /** What an accepted input must also satisfy, per encoding: the deviation in words, or null. */
    @FunctionalInterface
    private interface AcceptedCheck {
        String deviation(byte[] input, TelemetryBatch accepted);
    }

    private static List<String> fuzz(String encoding, int count, Function<Random, Input> inputs,
                                     Function<byte[], TelemetryParseResult> decode, AcceptedCheck accepted) {
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int refused = 0;
        for (int i = 0; i < count && failures.size() < FAILURES_SHOWN; i++) {
            Input input = inputs.apply(new Random(SEED * 31 + i));
            String failure;
            try {
                TelemetryParseResult result = decoder.submit(() -> decode.apply(input.bytes()))
                        .get(HANG.toMillis(), TimeUnit.MILLISECONDS);
                failure = check(input, result, accepted);
                if (result.isValid()) {
                    valid++;
                } else {
                    refused++;
                }
            } catch (TimeoutException hang) {
                failure = "no answer within " + HANG.toSeconds() + " s (a hang)";
                decoder.shutdownNow();
                decoder = newDecoderThread();
            } catch (ExecutionException e) {
                failure = "threw " + e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (failure != null) {
                failures.add("input #" + i + " (" + input.description() + ", " + input.bytes().length + " bytes: "
                        + preview(input.bytes()) + "): " + failure);
            }
        }
        System.out.printf("[fuzz] %s decoder, seed %d: %d inputs, %d accepted, %d refused, %d failures%n",
                encoding, SEED, valid + refused, valid, refused, failures.size());
        if (failures.isEmpty()) {
            // the generator must reach both outcomes in numbers, or the run proves little
            assertThat(valid).as("accepted inputs of the %s run (seed %d)", encoding, SEED).isGreaterThan(count / 20);
            assertThat(refused).as("refused inputs of the %s run (seed %d)", encoding, SEED).isGreaterThan(count / 2);
        }
        return failures;
    }

    private static String check(Input input, TelemetryParseResult result, AcceptedCheck accepted) {
        if (result == null) {
            return "no result";
        }
        if (!result.isValid()) {
            if (input.valid()) {
                return "a valid batch was refused: " + result.violations();
            }
            for (Violation v : result.violations()) {
                if (!RULES.contains(v.rule()) || !FIELDS.matcher(v.field()).matches() || v.message().isBlank()) {
                    return "a violation names no known field and rule: " + v;
                }
            }
            return null;
        }
        TelemetryBatch batch = result.batch();
        List<String> broken = TelemetryContract.broken(batch);
        if (!broken.isEmpty()) {
            return "accepted a batch that breaks telemetry.md: " + broken;
        }
        // both encodings give an accepted batch back unchanged: what one accepts, the other carries
        TelemetryBatch known = withoutUnknownFields(batch);
        TelemetryParseResult viaJson = TelemetryJson.parse(TelemetryJson.toJsonBytes(batch));
        if (!viaJson.isValid() || !viaJson.batch().equals(known)) {
            return "written as JSON and read again it is " + (viaJson.isValid() ? "another batch" : viaJson.violations());
        }
        TelemetryParseResult viaProtobuf = TelemetryProtobuf.parse(known.toByteArray());
        if (!viaProtobuf.isValid() || !viaProtobuf.batch().equals(known)) {
            return "written as Protobuf and read again it is "
                    + (viaProtobuf.isValid() ? "another batch" : viaProtobuf.violations());
        }
        return accepted.deviation(input.bytes(), batch);
    }

    /** Accepted JSON is UTF-8, one well-formed object, and says what the batch holds. */
    private static String checkJson(byte[] input, TelemetryBatch batch) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException e) {
            return "accepted a body that is not UTF-8";
        }
        JsonNode tree;
        try (JsonParser parser = STRICT.createParser(text)) {
            tree = STRICT.readTree(parser);
        } catch (Exception e) {
            return "accepted a body a strict JSON reader refuses: " + e.getMessage();
        }
        if (tree == null || !tree.isObject()) {
            return "accepted a body that is no JSON object";
        }
        if (!tree.path("beltId").asText().equals(batch.getBeltId())
                || tree.path("seq").decimalValue().longValue() != batch.getSeq()
                || tree.path("rateHz").decimalValue().intValue() != batch.getRateHz()
                || !tree.path("activity").asText("").equals(batch.getActivity())
                || !tree.path("firmware").asText("").equals(batch.getFirmware())) {
            return "the batch differs from what the JSON says: " + batch.getBeltId() + "/" + batch.getSeq() + "/"
                    + batch.getRateHz() + "/" + batch.getActivity() + "/" + batch.getFirmware();
        }
        for (TelemetryChannel channel : TelemetryChannel.all()) {
            JsonNode samples = tree.path("channels").path(channel.jsonName());
            if ((samples.isArray() ? samples.size() : 0) != channel.count(batch.getChannels())) {
                return channel.jsonName() + " has " + channel.count(batch.getChannels()) + " samples, the JSON "
                        + samples.size();
            }
        }
        return null;
    }

    /** Nothing more to check for Protobuf: the round trips above compare it with its JSON. */
    private static String checkProtobuf(byte[] input, TelemetryBatch batch) {
        return null;
    }

    /** The batch as the contract knows it: fields of a newer belt's schema (unknown here) left out. */
    private static TelemetryBatch withoutUnknownFields(TelemetryBatch batch) {
        TelemetryBatch.Builder b = batch.toBuilder().setUnknownFields(UnknownFieldSet.getDefaultInstance());
        if (batch.hasChannels()) {
            b.setChannels(batch.getChannels().toBuilder().setUnknownFields(UnknownFieldSet.getDefaultInstance()));
        }
        return b.build();
    }

    private static String report(String encoding, List<String> failures) {
        return "the " + encoding + " decoder failed on these inputs; reproduce with -Dspinestream.fuzz.seed=" + SEED
                + "\n  " + String.join("\n  ", failures);
    }

    private static String preview(byte[] bytes) {
        int shown = Math.min(bytes.length, 160);
        String text = new String(bytes, 0, shown, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "·");
        return bytes.length > 2000 || text.contains("\uFFFD")
                ? "hex " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 80)) + (bytes.length > 80 ? "…" : "")
                : text + (bytes.length > shown ? "…" : "");
    }

    private static ExecutorService newDecoderThread() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "fuzzed-decoder");
            t.setDaemon(true);
            return t;
        });
    }

    private static long seed() {
        String configured = System.getProperty("spinestream.fuzz.seed", "20261121");
        return configured.equals("random") ? new Random().nextLong() : Long.parseLong(configured);
    }
}
