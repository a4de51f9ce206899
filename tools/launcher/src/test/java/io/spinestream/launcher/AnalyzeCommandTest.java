package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinestream.analysis.core.AnalysisEventJson;
import io.spinestream.analysis.core.BeltProfile;
import io.spinestream.analysis.core.OfflineAnalyzer;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.launcher.TestBelt.Pose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code spinestream analyze}: the spec's offline command line over the analyzer core. */
class AnalyzeCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROFILES_DISC = """
            { "SB-000123": { "wearerId": "w-42", "conditions": ["disc_herniation"] } }""";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int analyze(String... args) {
        CommandLine cli = SpinestreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    /** Three deadlifts, the second with its lower back rounded {@code flexion}° at the bottom. */
    private static List<TelemetryBatch> deadlifts(String belt, Instant start, double flexion) {
        return TestBelt.belt(belt, start).activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Pose.hingedWithFlexion(0)).rep(Pose.hingedWithFlexion(flexion)).rep(Pose.hingedWithFlexion(0))
                .batches();
    }

    private Path recording(String name, List<TelemetryBatch> batches) throws IOException {
        return TestBelt.write(dir.resolve(name), TestBelt.lines(batches));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<JsonNode> events() {
        return out.toString().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private List<String> types() {
        return events().stream().map(e -> e.get("type").asText()).toList();
    }

    /** What the core gives in-process for the same batches, as the command prints it. */
    private static String inProcess(List<TelemetryBatch> batches, Map<String, BeltProfile> profiles) {
        StringBuilder expected = new StringBuilder();
        OfflineAnalyzer.analyze(batches, profiles, e -> expected.append(AnalysisEventJson.toJson(e)).append('\n'));
        return expected.toString();
    }

    @Test
    void givenARoundedBackDeadliftRecording_whenAnalyzed_thenRoundedBackAndThenTheSummaryAreOnStdout() throws IOException {
        Path rec = recording("deadlift.ndjson", deadlifts("SB-000123", T0, 25));

        int code = analyze(rec.toString());

        assertThat(code).isZero();
        assertThat(types()).containsExactly("CALIBRATION_NEEDED", "ROUNDED_BACK", "SESSION_SUMMARY");
        JsonNode fault = events().get(1);
        assertThat(fault.get("beltId").asText()).isEqualTo("SB-000123");
        assertThat(fault.get("activity").asText()).isEqualTo("deadlift");
        assertThat(fault.get("severity").asText()).isEqualTo("critical");
        assertThat(fault.get("limit").asDouble()).isEqualTo(20.0);
        assertThat(fault.get("value").asDouble()).isGreaterThan(20.0);
        assertThat(fault.has("wearerId")).isFalse();
        JsonNode summary = events().get(2);
        assertThat(summary.get("reps").asInt()).isEqualTo(3);
        assertThat(summary.get("faults").get("ROUNDED_BACK").asInt()).isEqualTo(1);
        assertThat(summary.get("formScore").asInt()).isEqualTo(67);
        assertThat(summary.get("startedAt").asText()).isEqualTo("2026-11-20T10:15:30Z");
        assertThat(err.toString()).contains("1 file, ").contains("batches of 1 belt analysed").contains("3 events")
                .doesNotContain("invalid");
    }

    @Test
    void givenADiscHerniationProfile_whenAnalyzed_thenThirteenDegreesOfFlexionIsARoundedBack() throws IOException {
        Path rec = recording("deadlift.ndjson", deadlifts("SB-000123", T0, 13));
        Path profiles = file("profiles.json", PROFILES_DISC);

        int withoutProfiles = analyze(rec.toString());
        List<String> defaultTypes = types();
        out.getBuffer().setLength(0);
        int withProfiles = analyze("--profiles", profiles.toString(), rec.toString());

        assertThat(withoutProfiles).isZero();
        assertThat(defaultTypes).doesNotContain("ROUNDED_BACK");
        assertThat(withProfiles).isZero();
        assertThat(events()).filteredOn(e -> e.get("type").asText().equals("ROUNDED_BACK")).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("limit").asDouble()).isEqualTo(12.0);
                    assertThat(e.get("wearerId").asText()).isEqualTo("w-42");
                    assertThat(e.get("value").asDouble()).isGreaterThan(12.0).isLessThanOrEqualTo(13.0);
                });
        assertThat(events()).allSatisfy(e -> assertThat(e.get("wearerId").asText()).isEqualTo("w-42"));
        assertThat(err.toString()).contains("1 of the belts had a profile");
    }

    @Test
    void givenTwoFilesThatOverlap_whenAnalyzed_thenTheRepeatedBatchesAreAnalysedOnce() throws IOException {
        List<TelemetryBatch> all = deadlifts("SB-000123", T0, 25);
        int half = all.size() / 2;
        Path first = recording("part1.ndjson", all.subList(0, half + 5));
        Path second = recording("part2.ndjson", all.subList(half, all.size())); // batches half..half+4 again

        int code = analyze(first.toString(), second.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(inProcess(all, Map.of()));
        assertThat(types()).containsExactly("CALIBRATION_NEEDED", "ROUNDED_BACK", "SESSION_SUMMARY");
        assertThat(err.toString()).contains("2 files, " + (all.size() + 5) + " lines")
                .contains(all.size() + " batches of 1 belt analysed").contains("5 duplicates skipped");
    }

    @Test
    void givenInvalidLines_whenAnalyzed_thenEachIsReportedWithItsLineAndRuleAndTheRestIsAnalysed() throws IOException {
        List<TelemetryBatch> batches = deadlifts("SB-000123", T0, 25);
        List<String> lines = new ArrayList<>(TestBelt.lines(batches));
        lines.add(3, lines.get(3).replace("\"rateHz\":50", "\"rateHz\":500")); // line 4
        lines.add(6, "{\"beltId\": \"SB-000123\", \"seq\": ");                 // line 7, cut short
        lines.add(8, "");                                                       // blank line 9: ignored
        Path rec = TestBelt.write(dir.resolve("broken.ndjson"), lines);

        int code = analyze(rec.toString());

        assertThat(code).isEqualTo(AnalyzeCommand.INVALID_LINES);
        List<String> reported = err.toString().lines().filter(l -> l.contains("invalid batch")).toList();
        assertThat(reported).hasSize(2);
        assertThat(reported.get(0)).isEqualTo("spinestream analyze: " + rec
                + ":4: invalid batch, skipped: rateHz must be between 1 and 400, was 500 [rateHz: range]");
        assertThat(reported.get(1)).startsWith("spinestream analyze: " + rec
                + ":7: invalid batch, skipped: The body must be one well-formed JSON object").endsWith("[syntax]");
        assertThat(err.toString()).contains((batches.size() + 2) + " lines");
        assertThat(err.toString()).contains(batches.size() + " batches of 1 belt analysed")
                .contains("2 invalid lines skipped");
        assertThat(out.toString()).isEqualTo(inProcess(batches, Map.of()));
    }

    @Test
    void givenTwoBeltsInterleavedInOneRecording_whenAnalyzed_thenEachBeltHasItsOwnSessionAndProfile() throws IOException {
        List<TelemetryBatch> a = deadlifts("SB-000123", T0, 13);
        List<TelemetryBatch> b = deadlifts("SB-000124", T0.plusMillis(250), 25);
        List<TelemetryBatch> merged = TestBelt.interleaved(a, b);
        assertThat(merged.get(0).getBeltId()).isNotEqualTo(merged.get(1).getBeltId());
        Path rec = recording("gym.ndjson", merged);
        Path profiles = file("profiles.json", PROFILES_DISC);

        int code = analyze("--profiles", profiles.toString(), rec.toString());

        assertThat(code).isZero();
        assertThat(events()).extracting(e -> e.get("type").asText() + " " + e.get("beltId").asText())
                .containsExactlyInAnyOrder("CALIBRATION_NEEDED SB-000123", "ROUNDED_BACK SB-000123",
                        "SESSION_SUMMARY SB-000123", "CALIBRATION_NEEDED SB-000124", "ROUNDED_BACK SB-000124",
                        "SESSION_SUMMARY SB-000124")
                .endsWith("SESSION_SUMMARY SB-000123", "SESSION_SUMMARY SB-000124");
        assertThat(events()).filteredOn(e -> e.get("type").asText().equals("ROUNDED_BACK"))
                .extracting(e -> e.get("beltId").asText() + " " + e.get("limit").asDouble())
                .containsExactly("SB-000123 12.0", "SB-000124 20.0");
        assertThat(out.toString()).isEqualTo(inProcess(merged, BeltProfile.parseProfiles(PROFILES_DISC)));
        assertThat(err.toString()).contains("batches of 2 belts analysed");
    }

    @Test
    void givenAWorkoutOfSeveralSessions_whenAnalyzed_thenStdoutIsExactlyWhatTheCoreGivesInProcess() throws IOException {
        List<TelemetryBatch> workout = TestBelt.belt("SB-000123", T0).batchSize(50)
                .activity("standing").hold(Duration.ofSeconds(6), Pose.NEUTRAL)
                .activity("deadlift").rep(Pose.hingedWithFlexion(4)).rep(Pose.hingedWithFlexion(22))
                .rep(new Pose(3, 0, 17, 60)).rep(Pose.hingedWithFlexion(2))
                .pause(Duration.ofMinutes(3))
                .activity("plank").hold(Duration.ofSeconds(5), new Pose(-18, 0, 0, 0)).hold(Duration.ofSeconds(5), Pose.NEUTRAL)
                .activity("sitting").hold(Duration.ofSeconds(30), new Pose(10, 0, 0, 0))
                .batches();
        List<TelemetryBatch> other = deadlifts("SB-000200", T0.plusSeconds(20), 30);
        List<TelemetryBatch> input = TestBelt.interleaved(workout, other);
        Path rec = recording("workout.ndjson", input);
        Path profiles = file("profiles.json", """
                { "SB-000123": { "wearerId": "w-42", "conditions": ["disc_herniation"], "limits": { "flexionDeg": 18 } } }""");

        int code = analyze("--profiles", profiles.toString(), rec.toString());

        assertThat(code).isZero();
        String expected = inProcess(input, BeltProfile.parseProfiles(Files.readString(profiles)));
        assertThat(out.toString()).isEqualTo(expected);
        assertThat(types()).contains("ROUNDED_BACK", "TWIST_UNDER_LOAD", "EXCESSIVE_ARCH")
                .filteredOn("SESSION_SUMMARY"::equals).hasSize(5); // standing, deadlift, plank, sitting; other belt
    }

    @Test
    void givenStandardInput_whenAnalyzedWithDash_thenItIsReadInItsPlaceAmongTheFiles() throws IOException {
        List<TelemetryBatch> all = deadlifts("SB-000123", T0, 25);
        int half = all.size() / 2;
        Path second = recording("second.ndjson", all.subList(half, all.size()));
        byte[] first = String.join("\n", TestBelt.lines(all.subList(0, half))).getBytes(StandardCharsets.UTF_8);

        InputStream stdin = System.in;
        int code;
        try {
            System.setIn(new ByteArrayInputStream(first));
            code = analyze("-", second.toString());
        } finally {
            System.setIn(stdin);
        }

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(inProcess(all, Map.of()));
    }

    @Test
    void givenAMissingRecording_whenAnalyzed_thenExitCode2AndNothingIsPrinted() throws IOException {
        Path rec = recording("ok.ndjson", deadlifts("SB-000123", T0, 25));

        int code = analyze(rec.toString(), dir.resolve("nope.ndjson").toString());

        assertThat(code).isEqualTo(AnalyzeCommand.FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("recording not found: " + dir.resolve("nope.ndjson"));
    }

    @Test
    void givenAProfilesFileWithAWrongType_whenAnalyzed_thenExitCode2NamingTheField() throws IOException {
        Path rec = recording("ok.ndjson", deadlifts("SB-000123", T0, 25));
        Path profiles = file("profiles.json", "{\"SB-000123\": {\"limits\": {\"flexionDeg\": \"18\"}}}");

        int code = analyze("--profiles", profiles.toString(), rec.toString());

        assertThat(code).isEqualTo(AnalyzeCommand.FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("profiles file " + profiles).contains("SB-000123.limits.flexionDeg");
    }

    @Test
    void givenNoRecording_whenAnalyzed_thenUsageErrorWithExitCode2() {
        int code = analyze();

        assertThat(code).isEqualTo(AnalyzeCommand.FAILED);
        assertThat(err.toString()).contains("RECORDING");
    }

    @Test
    void givenHelp_whenAsked_thenTheExitCodesAreListed() {
        int code = analyze("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--profiles", "Exit codes:", "invalid lines were reported");
    }
}
