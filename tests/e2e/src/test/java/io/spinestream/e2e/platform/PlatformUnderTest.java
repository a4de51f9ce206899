package io.spinestream.e2e.platform;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.spinestream.e2e.client.Belt;
import io.spinestream.e2e.client.Clinic;
import io.spinestream.e2e.client.Http;
import io.spinestream.e2e.client.Services;
import io.spinestream.e2e.logscan.IssuedSecrets;
import io.spinestream.e2e.telemetry.BeltTelemetry;
import io.spinestream.e2e.telemetry.Rep;
import io.spinestream.e2e.webhook.WebhookReceiver;
import io.spinestream.launcher.FreePorts;
import io.spinestream.launcher.InfraConfig;
import io.spinestream.launcher.JwtKeys;
import io.spinestream.launcher.LocalInfra;
import io.spinestream.launcher.LocalPlatform;
import io.spinestream.launcher.Processes;
import io.spinestream.launcher.ServiceSpec;
import io.spinestream.launcher.ServiceSupervisor;
import io.spinestream.launcher.TokenIssuer;
import io.spinestream.launcher.Workspace;

/**
 * The whole platform, started once for the suite with the launcher's own parts: PostgreSQL, the
 * MongoDB wire server and Kafka (KRaft) in a fresh workspace under {@code target/e2e} on free ports,
 * a JWT key pair, and the four services as separate processes from their
 * {@code target/quarkus-app/quarkus-run.jar}, each on a free HTTP port (so a running
 * {@code ./spinestream up} is never touched). Logs are in {@code target/e2e/logs/}.
 *
 * <p>{@link #close()} stops everything, also when a test failed, and fails if a process survived;
 * a JVM shutdown hook does the same if the run is interrupted.
 */
public final class PlatformUnderTest implements Services, AutoCloseable {

    public static final String SENSOR_INGEST = "sensor-ingest";
    public static final String FORM_ANALYSIS = "form-analysis";
    public static final String JOURNAL = "journal";
    public static final String NOTIFICATION = "notification";
    static final List<String> SERVICE_NAMES = List.of(SENSOR_INGEST, FORM_ANALYSIS, JOURNAL, NOTIFICATION);

    /** Where the run records the processes it starts ({@link Leftovers}). */
    private static final String RUN_FILE = "e2e-processes.properties";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration TOKEN_TTL = Duration.ofHours(2);
    /**
     * Four service JVMs start at once on a small machine: C1 only and the serial collector spend less
     * CPU on warming up than the defaults, and nothing here needs peak throughput.
     */
    private static final String SERVICE_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m";

    /** How late a fault may still vibrate, and a command still be played, in this suite (5 s in production). */
    private static final String HAPTIC_PATIENCE = "30s";

    private final Workspace workspace;
    private final InfraConfig infraConfig;
    private final LocalInfra infra;
    private final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
    private final List<ServiceSupervisor> supervisors = new CopyOnWriteArrayList<>();
    private final List<ServiceSupervisor.Running> started = new CopyOnWriteArrayList<>();
    private final Http http = new Http();
    private final PrintWriter out = new PrintWriter(System.out, true);
    private final AtomicBoolean closed = new AtomicBoolean();
    // notification encrypts webhook secrets at rest with it; one per run, the same across restarts of a service
    private final String webhookSecretsKey = newWebhookSecretsKey();
    private final Thread shutdownHook = new Thread(this::stopAll, "e2e-platform-shutdown");
    private TokenIssuer tokens;
    private WebhookReceiver receiver;

    private PlatformUnderTest(Workspace workspace, InfraConfig infraConfig) {
        this.workspace = workspace;
        this.infraConfig = infraConfig;
        this.infra = new LocalInfra(infraConfig);
    }

    /** Starts everything and returns once the haptic path works end to end. */
    public static PlatformUnderTest start() throws Exception {
        Path basedir = Path.of(System.getProperty("spinestream.e2e.basedir", ".")).toAbsolutePath().normalize();
        Path root = basedir.resolve("../..").normalize();
        Path home = Path.of(System.getProperty("spinestream.e2e.workspace", basedir.resolve("target/e2e").toString()));
        Workspace ws = Workspace.of(root, home);
        List<String> stopped = Leftovers.stop(home.resolve(RUN_FILE), ws.postmasterPidFile());
        if (!stopped.isEmpty()) {
            System.out.println("[e2e] stopped what an interrupted earlier run left running: " + stopped);
        }
        deleteTree(home);
        Files.createDirectories(home);
        int[] ports = FreePorts.take(4 + SERVICE_NAMES.size());
        PlatformUnderTest platform = new PlatformUnderTest(ws,
                new InfraConfig(ws, LocalPlatform.HOST, ports[0], ports[1], ports[2], ports[3]));
        for (int i = 0; i < SERVICE_NAMES.size(); i++) {
            platform.specs.put(SERVICE_NAMES.get(i), ServiceSpec.quarkus(SERVICE_NAMES.get(i), ports[4 + i]));
        }
        Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
        try {
            platform.startAll();
            return platform;
        } catch (Exception | Error e) {
            try {
                platform.close();
            } catch (RuntimeException left) {
                e.addSuppressed(left);
            }
            throw e;
        }
    }

    private void startAll() throws Exception {
        long t0 = System.nanoTime();
        ServiceSupervisor supervisor = new ServiceSupervisor(workspace, List.copyOf(specs.values()), this::environment, out);
        List<ServiceSpec> missing = supervisor.missingArtifacts();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built: " + missing.stream()
                    .map(s -> ServiceSpec.quarkusRunJar(workspace, s.name()).toString()).collect(Collectors.joining(", "))
                    + " (the reactor packages the services before tests/e2e; alone: ./mvnw -pl services/<name> package)");
        }
        out.println("[e2e] workspace " + workspace.home() + ", Kafka " + infraConfig.kafkaBootstrap() + ", PostgreSQL :"
                + infraConfig.postgresPort() + ", MongoDB :" + infraConfig.mongoPort());
        receiver = WebhookReceiver.start();
        infra.start(line -> out.println("[e2e]" + line));
        infra.ensureTopics(Duration.ofSeconds(60));
        JwtKeys keys = JwtKeys.of(workspace);
        keys.ensure();
        tokens = new TokenIssuer(keys, LocalPlatform.JWT_ISSUER);
        supervisors.add(supervisor);
        supervisor.startAll(this::started);
        supervisor.awaitReady(READY_TIMEOUT);
        awaitHapticPathLive();
        out.printf("[e2e] platform up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The environment of a service: the launcher's table, with this run's infrastructure ports instead of
     * the fixed ones of {@code ./spinestream up}, and the receiver on loopback allowed as a webhook target.
     */
    private Map<String, String> environment(Workspace ws, ServiceSpec spec) {
        Map<String, String> env = new LinkedHashMap<>(LocalPlatform.environment(ws, spec));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infraConfig.kafkaBootstrap());
        env.put("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", infraConfig.kafkaBootstrap());
        env.put("SPINESTREAM_DB_HOST", infraConfig.host());
        env.put("SPINESTREAM_DB_PORT", Integer.toString(infraConfig.postgresPort()));
        env.put("MONGODB_URI", infraConfig.mongoUri());
        env.put("SPINESTREAM_NOTIFICATION_WEBHOOKS_TARGETS_ALLOW_LOOPBACK", "true");
        env.put("SPINESTREAM_NOTIFICATION_WEBHOOKS_TARGETS_ALLOW_HTTP", "true");
        env.put("SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS", webhookSecretsKey);
        // The suite checks that a fault vibrates, not how fast (tools/bench measures that): on a busy shared
        // machine an alert may take longer than the 5 s after which it would no longer vibrate.
        env.put("SPINESTREAM_NOTIFICATION_HAPTICS_STALE_AFTER", HAPTIC_PATIENCE);
        env.put("SPINESTREAM_NOTIFICATION_HAPTICS_COMMAND_TTL", HAPTIC_PATIENCE);
        env.put("JAVA_TOOL_OPTIONS", SERVICE_JVM_OPTIONS);
        // plain text rather than the production JSON: the logs are read by people when a scenario fails
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // every request in the log (with the shared pattern: method, path, status; never the query or a header),
        // so that LogScanIT sees the requests it scans the logs of
        env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
        refuseFixedPorts(env);
        return env;
    }

    private static String newWebhookSecretsKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "e2e:" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Fails when a variable still names a fixed port of the local platform (one LocalPlatform added
     * after this suite was written): the service would talk to a running {@code ./spinestream up}.
     */
    private static void refuseFixedPorts(Map<String, String> env) {
        String fixed = Stream.concat(
                        Stream.of(LocalPlatform.KAFKA_PORT, LocalPlatform.KAFKA_CONTROLLER_PORT, LocalPlatform.POSTGRES_PORT,
                                LocalPlatform.MONGO_PORT),
                        LocalPlatform.SERVICES.stream().map(ServiceSpec::port))
                .map(String::valueOf).collect(Collectors.joining("|"));
        Pattern port = Pattern.compile(":(" + fixed + ")(?![0-9])");
        env.forEach((name, value) -> {
            if (port.matcher(value).find()) {
                throw new IllegalStateException(name + "=" + value + " names a port of ./spinestream up; the suite must "
                        + "override it with its own (PlatformUnderTest.environment)");
            }
        });
    }

    /**
     * Ready is not yet live: right after start the consumers of the haptic path may still be joining
     * their groups, and an alert that waits too long never vibrates (it would be late), nor does a
     * command sent before ingest's downlink consumer has its partitions. A belt of a clinic of its own
     * lifts with a rounded back until a command reaches its stream.
     */
    private void awaitHapticPathLive() throws InterruptedException {
        Clinic clinic = Clinic.create(this, "warmup");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int uploads = 0;
        try (Belt belt = clinic.provisionBelt()) {
            belt.openCommandStream();
            BeltTelemetry telemetry = new BeltTelemetry(belt.id(), Instant.now(), 1);
            while (belt.commands().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no haptic command reached a belt within 2 minutes after every service "
                            + "was ready (" + uploads + " rounded-back reps uploaded; stream: " + belt.streamProblems() + ")\n"
                            + logTails(40));
                }
                belt.upload(telemetry.set("deadlift", List.of(Rep.rounded(25))));
                uploads++;
                long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (belt.commands().isEmpty() && System.nanoTime() < waitUntil) {
                    Thread.sleep(100);
                }
            }
        }
        out.println("[e2e] haptic path live after " + uploads + " upload(s)");
    }

    // --- Services ---------------------------------------------------------------------------------------

    @Override
    public String ingest() {
        return specs.get(SENSOR_INGEST).baseUrl();
    }

    @Override
    public String analysis() {
        return specs.get(FORM_ANALYSIS).baseUrl();
    }

    @Override
    public String journal() {
        return specs.get(JOURNAL).baseUrl();
    }

    @Override
    public String notification() {
        return specs.get(NOTIFICATION).baseUrl();
    }

    @Override
    public String token(String role, String clinic, String subject) {
        try {
            String token = tokens.issue(role, clinic, subject, TOKEN_TTL, Instant.now());
            IssuedSecrets.record(token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key pair this run's tokens are signed with, for a test that signs tokens the issuer would not. */
    public JwtKeys jwtKeys() {
        return JwtKeys.of(workspace);
    }

    @Override
    public WebhookReceiver receiver() {
        return receiver;
    }

    @Override
    public Http http() {
        return http;
    }

    // --- crashing and restarting a service -----------------------------------------------------------

    /** Kills the service's process (and anything it started) at once: SIGKILL, no shutdown of any kind. */
    public void kill(String name) throws Exception {
        ServiceSupervisor.Running running = current(name);
        ProcessHandle process = running.process().toHandle();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        tree.forEach(ProcessHandle::destroyForcibly);
        running.process().onExit().get(30, TimeUnit.SECONDS);
        if (!Processes.awaitExit(tree, Duration.ofSeconds(30))) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
        out.println("[e2e] killed " + name + " (pid " + process.pid() + ")");
    }

    /** Starts the service again with the same port, environment and state directory, and waits until ready. */
    public void restart(String name) throws Exception {
        ServiceSupervisor supervisor = new ServiceSupervisor(workspace, List.of(specs.get(name)), this::environment, out);
        supervisors.add(supervisor);
        supervisor.startAll(this::started);
        supervisor.awaitReady(READY_TIMEOUT);
    }

    private void started(ServiceSupervisor.Running running) {
        started.add(running);
        Leftovers.record(workspace.home().resolve(RUN_FILE), started);
    }

    private ServiceSupervisor.Running current(String name) {
        for (int i = started.size() - 1; i >= 0; i--) {
            ServiceSupervisor.Running r = started.get(i);
            if (r.spec().name().equals(name) && r.process().isAlive()) {
                return r;
            }
        }
        throw new IllegalStateException(name + " is not running");
    }

    /** A connection to the journal's database as the services use it, for what no API may do (audit.md). */
    public java.sql.Connection journalDatabase() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://" + infraConfig.host() + ":"
                        + infraConfig.postgresPort() + "/spinestream_journal",
                io.spinestream.launcher.LocalPlatform.DB_USER, io.spinestream.launcher.LocalPlatform.DB_PASSWORD);
    }

    /** The service's Prometheus metrics whose name starts with {@code prefix}, one per line (for diagnostics). */
    public String metrics(String name, String prefix) {
        Http.Reply reply = http.getText(specs.get(name).baseUrl() + "/q/metrics").expect(200);
        return reply.body().lines().filter(l -> l.startsWith(prefix)).collect(Collectors.joining("\n"));
    }

    // --- logs ------------------------------------------------------------------------------------------

    public Path logFile(String name) {
        return workspace.logFile(name);
    }

    /** The run's Kafka, for a test that writes records no API would. */
    public String kafkaBootstrap() {
        return infraConfig.kafkaBootstrap();
    }

    /** Where every log of the run is: one per service, and the infrastructure's. */
    public Path logsDir() {
        return workspace.logsDir();
    }

    /** The services, by name. */
    public static List<String> serviceNames() {
        return SERVICE_NAMES;
    }

    /** The last lines of every service's log. */
    public String logTails(int lines) {
        StringBuilder sb = new StringBuilder();
        for (String name : SERVICE_NAMES) {
            sb.append("\n--- last ").append(lines).append(" lines of ").append(logFile(name)).append(":\n")
                    .append(ServiceSupervisor.tail(logFile(name), lines)).append('\n');
        }
        return sb.toString();
    }

    // --- stopping --------------------------------------------------------------------------------------

    /** Stops the services, then the infrastructure; fails if any process of the run is still alive. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it stops everything itself
        }
        List<String> left = stopAll();
        if (!left.isEmpty()) {
            throw new IllegalStateException("processes survived the end of the run (killed now): " + left);
        }
    }

    private List<String> stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return List.of();
        }
        if (receiver != null) {
            receiver.close();
        }
        List<ServiceSupervisor> reversed = new ArrayList<>(supervisors);
        Collections.reverse(reversed);
        for (ServiceSupervisor supervisor : reversed) {
            supervisor.stopAll(STOP_GRACE);
        }
        infra.stop();
        List<String> left = new ArrayList<>();
        for (ServiceSupervisor.Running r : started) {
            ProcessHandle handle = r.process().toHandle();
            Stream.concat(handle.descendants(), Stream.of(handle)).filter(Processes::isRunning).forEach(p -> {
                left.add(r.spec().name() + " pid " + p.pid());
                p.destroyForcibly();
            });
        }
        if (Files.exists(workspace.postmasterPidFile())) {
            left.add("PostgreSQL (" + workspace.postmasterPidFile() + " is still there)");
        }
        out.println("[e2e] stopped; logs in " + workspace.logsDir());
        return left;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
