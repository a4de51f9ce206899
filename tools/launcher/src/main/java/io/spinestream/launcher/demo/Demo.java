package io.spinestream.launcher.demo;

import io.spinestream.launcher.JwtKeys;
import io.spinestream.launcher.LocalPlatform;
import io.spinestream.launcher.LocalTokens;
import io.spinestream.launcher.Workspace;
import io.spinestream.simulator.motion.Scenario;
import io.spinestream.simulator.provision.AdminApi;
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
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo of {@code ./spinestream up}: a clinic ({@value #CLINIC}) with three wearers, each with a
 * belt; a webhook receiver on loopback that verifies every delivery and logs it; its subscription
 * with the notification service; and a one-minute simulation of the three belts in the gym, in the
 * background, with faults often enough to see the loop work: a fault, its vibration, its alert in
 * the feed, its webhook. Everything is found again and reused on the next {@code up} (the data
 * stays in {@code .spinestream/}).
 */
public final class Demo implements AutoCloseable {

    public static final String CLINIC = "clinic-demo";
    /** The receiver's port when free (another one otherwise; the subscription follows it). */
    public static final int RECEIVER_PORT = 8090;
    static final Duration SIMULATION = Duration.ofSeconds(60);
    static final double FAULT_RATE = 0.4;
    static final String SUBJECT = "spinestream-demo";

    /** A demo wearer and their belt. */
    record Person(String ref, String name, int birthYear, List<String> conditions, String beltId) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("demo-alex", "Alex Demo", 1988, List.of(), "DEMO-0001"),
            new Person("demo-sam", "Sam Demo", 1969, List.of("disc_herniation"), "DEMO-0002"),
            new Person("demo-kim", "Kim Demo", 1995, List.of(), "DEMO-0003"));

    private final Workspace ws;
    private final PrintWriter out;
    private WebhookReceiver receiver;
    private Simulation simulation;
    private Thread runner;

    public Demo(Workspace ws, PrintWriter out) {
        this.ws = ws;
        this.out = out;
    }

    /**
     * Provisions the clinic's wearers and belts, starts the receiver and subscribes it, starts the
     * simulation in the background and prints where to look. Throws if any of it fails (the
     * platform keeps running; the caller says so).
     */
    public void start() throws IOException {
        long t0 = System.nanoTime();
        out.println();
        out.println("Installing the demo (clinic " + CLINIC + ") ...");
        out.flush();
        TokenSource tokens = new LocalTokens(JwtKeys.of(ws), CLINIC, SUBJECT);
        URI ingest = URI.create(LocalPlatform.service(LocalPlatform.SENSOR_INGEST).baseUrl());
        URI journal = URI.create(LocalPlatform.service(LocalPlatform.JOURNAL).baseUrl());
        URI notification = URI.create(LocalPlatform.service(LocalPlatform.NOTIFICATION).baseUrl());
        Path simulatorLog = ws.logFile("simulator");
        PrintWriter simLog = new PrintWriter(Files.newBufferedWriter(simulatorLog, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        simLog.printf("%n===== %s demo simulation (./spinestream up), clinic %s =====%n", Instant.now(), CLINIC);
        java.util.function.Consumer<String> log = line -> simLog.println(Instant.now() + " " + line);

        BeltStore store = new BeltStore(ws.simulatorBeltsFile(), ingest);
        BeltRegistry registry = new BeltRegistry(new AdminApi(ingest, tokens), store, log);
        WearerDirectory wearers = new WearerDirectory(new AdminApi(journal, tokens), log);
        List<Fleet.Member> members = new ArrayList<>();
        for (Person p : PEOPLE) {
            members.add(new Fleet.Member(p.beltId(), new WearerDirectory.Spec(p.ref(), p.name(), p.birthYear(),
                    p.conditions())));
        }
        List<Fleet.Ready> fleet = Fleet.prepare(registry, wearers, store, members, "SB2", "2.3.1", log);

        receiver = WebhookReceiver.start(RECEIVER_PORT, ws.logFile("webhooks"), Clock.systemUTC());
        WebhookSubscription.Endpoint endpoint = new WebhookSubscription(new AdminApi(notification, tokens))
                .ensure(receiver.url(), new DemoState(ws.demoDir()));
        receiver.secret(endpoint.secret());
        receiver.note("listening on " + receiver.url() + " for endpoint " + endpoint.id() + " of " + CLINIC);

        long seed = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        Simulation.Settings settings = new Simulation.Settings(ingest, Scenario.GYM, 50, Duration.ofMillis(500),
                SIMULATION, false, FAULT_RATE, 0.02, seed, "2.3.1", Duration.ofSeconds(10));
        simulation = new Simulation(settings, fleet.stream().map(Fleet.Ready::plan).toList(), registry::renew, log);
        runner = new Thread(() -> simulate(settings, store, simLog, log), "demo-simulation");
        runner.setDaemon(true);
        runner.start();

        printWhereToLook(fleet, endpoint, t0);
    }

    private void simulate(Simulation.Settings settings, BeltStore store, PrintWriter simLog,
                          java.util.function.Consumer<String> log) {
        try {
            Simulation.Result result = simulation.run(ProgressDisplay.lines(log, settings.duration()));
            Fleet.remember(store, result);
            simLog.print(Report.text(settings, result));
            simLog.flush();
            Report.writeJson(ws.demoDir().resolve("simulation.json"), settings, result);
            var m = result.metrics();
            out.printf(Locale.ROOT, "%n%s Demo simulation %s: %d belts, %,d batches, %d faults injected, %d haptic commands"
                            + " received (batch sent → command p50 %s), %d webhooks verified. Summary: %s%n",
                    Instant.now(), result.endedEarly() ? "stopped early" : "done", result.belts(), m.batchesAccepted(), m.injectedTotal(), m.commandsTotal(),
                    m.hapticLatency().getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.0f ms",
                            m.hapticLatency().getValueAtPercentile(50) / 1000.0),
                    receiver.verified(), ws.root().relativize(ws.logFile("simulator")));
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            log.accept("the demo simulation failed: " + e);
            out.println("The demo simulation failed: " + e + " (see " + ws.logFile("simulator") + ")");
            out.flush();
        } finally {
            simLog.close();
        }
    }

    private void printWhereToLook(List<Fleet.Ready> fleet, WebhookSubscription.Endpoint endpoint, long t0) {
        String token = "$(./spinestream token --role clinician --clinic " + CLINIC + ")";
        String first = fleet.get(0).wearer().id();
        out.printf(Locale.ROOT, "Demo installed (%.1f s): %d wearers with a belt each; the belts exercise for %d s now,%n",
                (System.nanoTime() - t0) / 1e9, fleet.size(), SIMULATION.toSeconds());
        out.println("with a fault in about 4 of 10 reps (they vibrate, raise alerts, reach the webhook receiver).");
        for (int i = 0; i < fleet.size(); i++) {
            Person p = PEOPLE.get(i);
            out.printf("  %-10s %s  belt %s%s%n", p.name(), fleet.get(i).wearer().id(), p.beltId(),
                    p.conditions().isEmpty() ? "" : "  (" + String.join(", ", p.conditions()) + ": tighter limits)");
        }
        String notification = LocalPlatform.service(LocalPlatform.NOTIFICATION).baseUrl();
        String analysis = LocalPlatform.service(LocalPlatform.FORM_ANALYSIS).baseUrl();
        String journal = LocalPlatform.service(LocalPlatform.JOURNAL).baseUrl();
        out.println("Where to look:");
        out.println("  live alerts   curl -N -H \"Authorization: Bearer " + token + "\" " + notification + "/v1/feed");
        out.println("  alerts        curl -H \"Authorization: Bearer " + token + "\" " + notification + "/v1/alerts");
        out.println("  sessions      curl -H \"Authorization: Bearer " + token + "\" " + analysis + "/v1/wearers/" + first
                + "/sessions");
        out.println("  exercise log  curl -H \"Authorization: Bearer " + token + "\" " + journal + "/v1/wearers/" + first
                + "/exercise-entries");
        out.println("  report        curl -o report.html -H \"Authorization: Bearer " + token + "\" " + journal
                + "/v1/wearers/" + first + "/report");
        out.println("                (a session is summarised when its activity changes or 2 min after its last batch)");
        out.println("  webhooks      tail -f " + ws.root().relativize(ws.logFile("webhooks")) + "   (receiver "
                + receiver.url() + ", endpoint " + endpoint.id() + ")");
        out.println("  simulation    tail -f " + ws.root().relativize(ws.logFile("simulator"))
                + "   more belts: ./spinestream simulate --belts 100 --clinic " + CLINIC);
        out.flush();
    }

    /** Ends the simulation at once and stops the receiver (the platform is stopping). */
    @Override
    public void close() {
        if (simulation != null) {
            simulation.abort();
        }
        if (runner != null) {
            try {
                runner.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
    }
}
