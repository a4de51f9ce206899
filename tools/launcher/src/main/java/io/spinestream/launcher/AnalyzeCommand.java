package io.spinestream.launcher;

import io.spinestream.analysis.core.AnalysisEventJson;
import io.spinestream.analysis.core.BatchOutcome;
import io.spinestream.analysis.core.BeltProfile;
import io.spinestream.analysis.core.OfflineAnalyzer;
import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.TelemetryParseResult;
import io.spinestream.events.telemetry.Violation;

import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinestream analyze}: the form analyzer over {@code .ndjson} recordings, as the spec
 * describes the offline command line (form-analysis.md, "What the analyzer emits"). The files
 * are read in the order given, one line (one telemetry batch, telemetry.md) at a time, and
 * every valid batch goes to one {@link OfflineAnalyzer} (the service's analyzer core: each
 * {@code (beltId, seq)} analysed once, a session closed after 2 minutes without data of its
 * belt, open sessions closed and summarised at the end). Events go to standard output as
 * NDJSON in the order raised; diagnostics go to standard error.
 */
@Command(name = "analyze", sortOptions = false,
        description = {"Runs the form analyzer over telemetry recordings (.ndjson, one batch per",
                "line, telemetry.md) and prints its events as NDJSON on standard output, one",
                "per line, in the order raised. Files are read in the order given, as one",
                "input; each (beltId, seq) is analysed once; sessions still open at the end",
                "are closed and summarised. Invalid lines are reported on standard error",
                "(file:line and the broken rule) and skipped; a summary follows. Example:",
                "  ./spinestream analyze --profiles profiles.json \\",
                "      day1.ndjson day2.ndjson > events.ndjson", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every line was a valid batch, all analysed",
                "1:invalid lines were reported and skipped; all the rest analysed",
                "2:usage error, unreadable recording or profiles file, or an I/O error",
                " :(the output is then incomplete)"})
public class AnalyzeCommand implements Callable<Integer> {

    /** Exit code: every line was a valid batch. */
    public static final int OK = 0;
    /** Exit code: invalid lines were skipped; everything else was analysed. */
    public static final int INVALID_LINES = 1;
    /** Exit code: usage, unreadable input, or I/O error. */
    public static final int FAILED = 2;

    /** Longest line read; a maximal batch (8 × 2000 samples) is about 200 KB of JSON. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    /** Invalid lines reported one by one; the rest are only counted. */
    static final int MAX_REPORTED_LINES = 100;

    static final String STDIN = "-";

    @Spec
    CommandSpec spec;

    @Option(names = "--profiles", paramLabel = "FILE",
            description = {"Wearer, conditions and clinician limits per belt: a",
                    "JSON object keyed by beltId, e.g. {\"SB-000123\":",
                    "{\"wearerId\": \"w-42\", \"conditions\":",
                    "[\"disc_herniation\"], \"limits\": {\"flexionDeg\": 18}}}.",
                    "A belt without an entry: no wearer, default limits."})
    Path profiles;

    @Option(names = {"-q", "--quiet"}, description = "No summary on standard error (invalid lines are still reported).")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(arity = "1..*", paramLabel = "RECORDING",
            description = "Recordings (.ndjson), analysed in this order as one input; - reads standard input.")
    List<String> recordings;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(err);
        } finally {
            err.flush();
        }
    }

    private int run(PrintWriter err) {
        Map<String, BeltProfile> profileMap;
        try {
            profileMap = readProfiles();
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        String problem = checkRecordings();
        if (problem != null) {
            return fail(err, problem);
        }

        PrintWriter stdout = spec.commandLine().getOut();
        Writer out = new BufferedWriter(stdout, 64 * 1024);
        Counts counts = new Counts();
        OfflineAnalyzer analyzer = new OfflineAnalyzer(profileMap, event -> {
            AnalysisEventJson.writeLine(event, out);
            counts.events++;
        });

        String where = null;
        try {
            for (String recording : recordings) {
                where = display(recording);
                try (NdjsonLines lines = new NdjsonLines(open(recording), MAX_LINE_BYTES)) {
                    counts.files++;
                    byte[] line;
                    while ((line = lines.next()) != null) {
                        where = display(recording) + ":" + lines.lineNumber();
                        analyzeLine(line, lines.tooLong(), where, analyzer, counts, err);
                        if ((lines.lineNumber() & 1023) == 0 && outputClosed(out, stdout)) {
                            return fail(err, "cannot write to standard output; stopped at " + where);
                        }
                    }
                }
            }
            where = "the end of the input";
            analyzer.finish();
            if (outputClosed(out, stdout)) {
                return fail(err, "cannot write to standard output; the output is incomplete");
            }
        } catch (IOException | UncheckedIOException e) {
            flushQuietly(out);
            return fail(err, "reading " + where + ": " + message(e) + "; stopped, the output is incomplete");
        } catch (RuntimeException e) {
            flushQuietly(out);
            if (System.getenv("SPINESTREAM_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return fail(err, "the analyzer failed at " + where + ": " + e + "; stopped, the output is incomplete");
        }
        if (counts.invalid > MAX_REPORTED_LINES) {
            err.println("spinestream analyze: " + (counts.invalid - MAX_REPORTED_LINES)
                    + " more invalid lines not shown");
        }
        if (!quiet) {
            err.println("spinestream analyze: " + counts.summary(profileMap));
        }
        return counts.invalid > 0 ? INVALID_LINES : OK;
    }

    private void analyzeLine(byte[] line, boolean tooLong, String where, OfflineAnalyzer analyzer, Counts counts,
                             PrintWriter err) {
        if (tooLong) {
            counts.lines++;
            invalid(err, counts, where, "line longer than " + (MAX_LINE_BYTES / (1024 * 1024))
                    + " MiB (a batch holds at most 2000 samples per channel)");
            return;
        }
        if (isBlank(line)) {
            return;
        }
        counts.lines++;
        TelemetryParseResult parsed = TelemetryJson.parse(line);
        if (!parsed.isValid()) {
            invalid(err, counts, where, parsed.violations().stream().map(AnalyzeCommand::describe)
                    .collect(Collectors.joining("; ")));
            return;
        }
        BatchOutcome outcome = analyzer.accept(parsed.batch());
        counts.belts.add(parsed.batch().getBeltId());
        switch (outcome) {
            case ANALYZED -> counts.analyzed++;
            case LATE -> {
                counts.analyzed++;
                counts.late++;
            }
            case DUPLICATE -> counts.duplicates++;
            case REJECTED -> {
                counts.rejected++;
                err.println("spinestream analyze: " + where + ": batch not analysable, skipped");
            }
        }
    }

    private static void invalid(PrintWriter err, Counts counts, String where, String why) {
        counts.invalid++;
        if (counts.invalid <= MAX_REPORTED_LINES) {
            err.println("spinestream analyze: " + where + ": invalid batch, skipped: " + why);
        }
    }

    /** {@code "rateHz must be between 1 and 400, was 500 [rateHz: range]"}. */
    static String describe(Violation v) {
        return v.message() + " [" + (v.field().isEmpty() ? "" : v.field() + ": ") + v.rule() + "]";
    }

    private Map<String, BeltProfile> readProfiles() {
        if (profiles == null) {
            return Map.of();
        }
        String json;
        try {
            json = Files.readString(profiles);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("profiles file not found: " + profiles);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException("profiles file " + profiles + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the profiles file " + profiles + ": " + message(e));
        }
        try {
            return BeltProfile.parseProfiles(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profiles file " + profiles + ": " + e.getMessage());
        }
    }

    /** A problem with the recordings named, before anything is read; {@code null} when none. */
    private String checkRecordings() {
        int stdin = 0;
        for (String recording : recordings) {
            if (STDIN.equals(recording)) {
                if (++stdin > 1) {
                    return "standard input (-) can be given only once";
                }
                continue;
            }
            Path path = Path.of(recording);
            if (!Files.exists(path)) {
                return "recording not found: " + recording;
            }
            if (Files.isDirectory(path)) {
                return "recording is a directory: " + recording;
            }
            if (!Files.isReadable(path)) {
                return "recording not readable: " + recording;
            }
        }
        return null;
    }

    private static InputStream open(String recording) throws IOException {
        if (STDIN.equals(recording)) {
            // not closed with the reader: System.in belongs to the JVM
            return new FilterInputStream(System.in) {
                @Override
                public void close() {
                }
            };
        }
        return Files.newInputStream(Path.of(recording));
    }

    private static String display(String recording) {
        return STDIN.equals(recording) ? "<stdin>" : recording;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean outputClosed(Writer out, PrintWriter stdout) {
        try {
            out.flush();
        } catch (IOException e) {
            return true;
        }
        return stdout.checkError();
    }

    private static void flushQuietly(Writer out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private static String message(Exception e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static int fail(PrintWriter err, String message) {
        err.println("spinestream analyze: " + message);
        return FAILED;
    }

    /** What the run saw, for the summary on standard error. */
    private static final class Counts {
        int files;
        long lines;
        long analyzed;
        long late;
        long duplicates;
        long rejected;
        long invalid;
        long events;
        final Set<String> belts = new HashSet<>();

        String summary(Map<String, BeltProfile> profiles) {
            List<String> parts = new ArrayList<>();
            parts.add(plural(analyzed, "batch", "batches") + " of " + plural(belts.size(), "belt", "belts") + " analysed"
                    + (late > 0 ? " (" + late + " late)" : ""));
            if (duplicates > 0) {
                parts.add(plural(duplicates, "duplicate", "duplicates") + " skipped");
            }
            if (invalid > 0) {
                parts.add(plural(invalid, "invalid line", "invalid lines") + " skipped");
            }
            if (rejected > 0) {
                parts.add(rejected + " not analysable");
            }
            long withProfile = belts.stream().filter(profiles::containsKey).count();
            return plural(files, "file", "files") + ", " + plural(lines, "line", "lines") + ": "
                    + String.join(", ", parts) + "; " + plural(events, "event", "events")
                    + (profiles.isEmpty() ? "" : "; " + withProfile + " of the belts had a profile");
        }

        private static String plural(long n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }
}
