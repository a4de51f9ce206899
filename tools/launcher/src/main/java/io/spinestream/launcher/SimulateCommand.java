package io.spinestream.launcher;

import io.spinestream.analysis.core.EffectiveLimits;
import io.spinestream.simulator.belt.BeltAccount;
import io.spinestream.simulator.motion.MotionGenerator;
import io.spinestream.simulator.motion.Scenario;
import io.spinestream.simulator.provision.AdminApi;
import io.spinestream.simulator.provision.ApiException;
import io.spinestream.simulator.provision.BeltRegistry;
import io.spinestream.simulator.provision.BeltStore;
import io.spinestream.simulator.provision.TokenSource;
import io.spinestream.simulator.provision.WearerDirectory;
import io.spinestream.simulator.run.Fleet;
import io.spinestream.simulator.run.ProgressDisplay;
import io.spinestream.simulator.run.Report;
import io.spinestream.simulator.run.Simulation;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "simulate", sortOptions = false,
        description = {"Runs virtual belts against the running platform and reports what came back.", "",
                "Each belt is provisioned through sensor-ingest's registry (or reused, run",
                "after run), worn by a wearer enrolled in the journal, calibrates, then",
                "exercises as its scenario says, with faults injected at the fault rate;",
                "it streams batches, re-sends some (duplicates), holds its command stream",
                "open and matches each haptic command to the fault that caused it. At the",
                "end: batches, faults injected versus commands received, latencies,",
                "errors. Ctrl-C ends early (with the summary). Example:",
                "  ./spinestream simulate --belts 100 --duration 2m --scenario gym", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the belts ran (the summary says how the platform did)",
                "1:the belts could not be set up, or no batch was accepted",
                "2:usage error"})
public class SimulateCommand implements Callable<Integer> {

    static final String SIMULATOR_SUBJECT = "spinestream-simulator";

    @ParentCommand
    SpinestreamCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--belts", paramLabel = "N", defaultValue = "10", description = "Belts to run (default: ${DEFAULT-VALUE}).")
    int belts;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "50",
            description = "Samples per second of each belt, 10–400 (default: ${DEFAULT-VALUE}).")
    int rateHz;

    @Option(names = "--batch-interval", paramLabel = "DURATION", defaultValue = "500ms", converter = Durations.class,
            description = "How often a belt sends a batch, at least 100ms (default: ${DEFAULT-VALUE}).")
    Duration batchInterval;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "How long the belts run, e.g. 90s, 10m, 2h (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "mixed",
            description = {"What the wearers do (default: ${DEFAULT-VALUE}): mixed, gym,",
                    "deadlift, squat, press, plank, running, office."})
    String scenario;

    @Option(names = "--protobuf", description = "Send batches as Protobuf (application/x-protobuf) instead of JSON.")
    boolean protobuf;

    @Option(names = "--fault-rate", paramLabel = "P", defaultValue = "0.1",
            description = {"Share of opportunities (reps, sets, holds, stretches of",
                    "running or sitting) with a fault (default: ${DEFAULT-VALUE})."})
    double faultRate;

    @Option(names = "--duplicate-rate", paramLabel = "P", defaultValue = "0.02",
            description = "Share of batches sent twice, as after a lost answer (default: ${DEFAULT-VALUE}).")
    double duplicateRate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the motion and the faults (default: random; printed).")
    Long seed;

    @Option(names = "--clinic", paramLabel = "ID", defaultValue = "clinic-sim",
            description = {"The clinic the belts and wearers belong to (default:",
                    "${DEFAULT-VALUE}; clinic-demo shows them in the demo's feed)."})
    String clinic;

    @Option(names = "--belt-prefix", paramLabel = "PREFIX", defaultValue = "SIM",
            description = "Belt ids are PREFIX-00001, … (default: ${DEFAULT-VALUE}).")
    String beltPrefix;

    @Option(names = "--no-wearers", description = "No wearers: the belts are not assigned (sessions reach no exercise log).")
    boolean noWearers;

    @Option(names = "--ingest-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
            description = "sensor-ingest (default: ${DEFAULT-VALUE}).")
    URI ingestUrl;

    @Option(names = "--journal-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8083",
            description = "journal, for the wearers (default: ${DEFAULT-VALUE}).")
    URI journalUrl;

    @Option(names = "--token", paramLabel = "JWT",
            description = {"A token of the clinic with roles to provision belts and",
                    "wearers (default: signed with the local platform's key;",
                    "also read from SPINESTREAM_TOKEN)."})
    String token;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = {"Use these belts as they are, no provisioning: lines of",
                    "BELT-ID=ssb_… credential (no token needed)."})
    Path credentials;

    @Option(names = "--command-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "A fault without a command after this long is missing (default: ${DEFAULT-VALUE}).")
    Duration commandTimeout;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    Path report;

    @Option(names = "--no-progress", description = "No progress bar (a line every 10 s instead).")
    boolean noProgress;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario chosen = validate();
        Workspace ws = parent.workspace();
        long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        Consumer<String> log = line -> {
            err.println("spinestream simulate: " + line);
            err.flush();
        };
        BeltStore store = new BeltStore(ws.simulatorBeltsFile(), ingestUrl);

        List<Simulation.BeltPlan> plans;
        BeltRegistry registry = null;
        try {
            if (credentials != null) {
                plans = fromCredentials(store);
            } else {
                TokenSource tokens = tokens(ws);
                registry = new BeltRegistry(new AdminApi(ingestUrl, tokens), store, log);
                WearerDirectory wearers = noWearers ? null : new WearerDirectory(new AdminApi(journalUrl, tokens), log);
                List<Fleet.Member> members = new ArrayList<>();
                for (int i = 1; i <= belts; i++) {
                    String beltId = String.format("%s-%05d", beltPrefix, i);
                    members.add(new Fleet.Member(beltId, noWearers ? null
                            : new WearerDirectory.Spec("sim." + beltId, "Simulated wearer " + beltId, 1960 + i % 45,
                            List.of())));
                }
                log.accept("setting up " + belts + " belt" + (belts == 1 ? "" : "s") + " of " + clinic + " ...");
                plans = Fleet.prepare(registry, wearers, store, members, "SIM-1", FIRMWARE, log).stream()
                        .map(Fleet.Ready::plan).toList();
            }
        } catch (ApiException e) {
            err.println("spinestream simulate: " + e.getMessage());
            return 1;
        }

        Simulation.Settings settings = new Simulation.Settings(ingestUrl, chosen, rateHz, batchInterval, duration,
                protobuf, faultRate, duplicateRate, runSeed, FIRMWARE, commandTimeout);
        BeltRegistry renewer = registry;
        Simulation simulation = new Simulation(settings, plans,
                renewer == null ? id -> Optional.empty() : renewer::renew, log);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulation.stop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        log.accept(String.format("%d belts, scenario %s, %d Hz, a batch every %d ms, for %s (seed %d); Ctrl-C ends early",
                plans.size(), chosen.code(), rateHz, batchInterval.toMillis(), Durations.format(duration), runSeed));
        Simulation.Result result;
        try (ProgressDisplay progress = progress(log)) {
            result = simulation.run(progress);
        }
        try {
            Fleet.remember(store, result);
            out.println();
            out.print(Report.text(settings, result));
            out.flush();
            if (report != null) {
                Report.writeJson(report, settings, result);
            }
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already (Ctrl-C): the hook is running
        }
        return result.metrics().batchesAccepted() > 0 ? 0 : 1;
    }

    static final String FIRMWARE = "sim-1.0";

    private Scenario validate() {
        Optional<Scenario> s = Scenario.of(scenario);
        if (s.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Unknown scenario '" + scenario + "'. One of: "
                    + String.join(", ", Scenario.codes()));
        }
        if (credentials == null && (belts < 1 || belts > 99_999)) {
            throw new ParameterException(spec.commandLine(), "--belts must be 1–99999");
        }
        if (!beltPrefix.matches("[A-Z0-9-]{1,26}")) {
            throw new ParameterException(spec.commandLine(),
                    "--belt-prefix must be 1–26 of A–Z, 0–9 and - (belt ids are [A-Z0-9-]{3,32})");
        }
        if (rateHz < MotionGenerator.MIN_RATE_HZ || rateHz > MotionGenerator.MAX_RATE_HZ) {
            throw new ParameterException(spec.commandLine(), "--rate must be " + MotionGenerator.MIN_RATE_HZ + "–"
                    + MotionGenerator.MAX_RATE_HZ + " Hz (below 10 Hz a belt resolves neither a 200 ms fault nor"
                    + " separate foot strikes)");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive");
        }
        try {
            new Simulation.Settings(ingestUrl, s.get(), rateHz, batchInterval, duration, protobuf, faultRate,
                    duplicateRate, 0, FIRMWARE, commandTimeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return s.get();
    }

    private TokenSource tokens(Workspace ws) throws IOException {
        String given = token != null ? token : System.getenv("SPINESTREAM_TOKEN");
        if (given != null && !given.isBlank()) {
            return role -> given;
        }
        JwtKeys keys = JwtKeys.of(ws);
        if (!java.nio.file.Files.isRegularFile(keys.privateKeyFile())) {
            throw new ApiException("no local platform key in " + ws.keysDir()
                    + ": start the platform with ./spinestream up, or pass --token for another platform", 0, null);
        }
        return new LocalTokens(keys, clinic, SIMULATOR_SUBJECT);
    }

    /** Belts given as {@code BELT-ID=credential} lines: no provisioning, default limits. */
    private List<Simulation.BeltPlan> fromCredentials(BeltStore store) throws IOException {
        List<Simulation.BeltPlan> plans = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(credentials, StandardCharsets.UTF_8)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 1) {
                throw new ParameterException(spec.commandLine(), credentials + ":" + n + ": expected BELT-ID=credential");
            }
            String beltId = line.substring(0, eq).strip();
            long firstSeq = store.nextSeq(beltId).orElse(System.currentTimeMillis());
            plans.add(new Simulation.BeltPlan(new BeltAccount(beltId, line.substring(eq + 1).strip()), firstSeq,
                    EffectiveLimits.DEFAULTS, store.recentReps(beltId)));
        }
        if (plans.isEmpty()) {
            throw new ParameterException(spec.commandLine(), credentials + " names no belt");
        }
        return plans;
    }

    private ProgressDisplay progress(Consumer<String> log) {
        if (!noProgress && System.console() != null) {
            return ProgressDisplay.bar(System.err, duration);
        }
        return ProgressDisplay.lines(log, duration);
    }
}
