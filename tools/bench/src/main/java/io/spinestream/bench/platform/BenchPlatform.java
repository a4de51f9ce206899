package io.spinestream.bench.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.spinestream.launcher.FreePorts;
import io.spinestream.launcher.InfraConfig;
import io.spinestream.launcher.JwtKeys;
import io.spinestream.launcher.LocalPlatform;
import io.spinestream.launcher.LocalTokens;
import io.spinestream.launcher.Processes;
import io.spinestream.launcher.ServiceSpec;
import io.spinestream.launcher.ServiceSupervisor;
import io.spinestream.launcher.Workspace;
import io.spinestream.simulator.provision.TokenSource;

/**
 * The platform as the benchmark runs it, every part a process of its own so that each one's CPU can
 * be read: the launcher's infrastructure ({@link InfraMain}: PostgreSQL, the MongoDB wire server,
 * Kafka) and the four services from their {@code quarkus-run.jar} (the launcher's
 * {@link ServiceSupervisor} and {@link LocalPlatform#environment(Workspace, ServiceSpec, InfraConfig)}),
 * all on free ports in a fresh workspace ({@code .spinestream/bench/}), so a running
 * {@code ./spinestream up} is left alone. Logs (and JFR recordings) are in that workspace.
 */
public final class BenchPlatform implements AutoCloseable {

    public static final String SENSOR_INGEST = LocalPlatform.SENSOR_INGEST;
    public static final String FORM_ANALYSIS = LocalPlatform.FORM_ANALYSIS;
    public static final String JOURNAL = LocalPlatform.JOURNAL;
    public static final String NOTIFICATION = LocalPlatform.NOTIFICATION;
    static final List<String> SERVICES = List.of(SENSOR_INGEST, FORM_ANALYSIS, JOURNAL, NOTIFICATION);

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String PROCESSES_FILE = "processes.properties";

    /**
     * Production-like service JVMs (full JIT, the default collector), with a heap cap so that four
     * of them fit beside everything else; JFR when asked.
     */
    static final String SERVICE_JVM_OPTIONS = "-Xms256m -Xmx1g";

    /** How the services run. */
    public record Options(boolean jfr, Map<String, String> ingestEnvironment) {
    }

    private final Workspace ws;
    private final InfraConfig infra;
    private final Options options;
    private final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
    private final List<ServiceSupervisor> supervisors = new CopyOnWriteArrayList<>();
    private final List<ServiceSupervisor.Running> started = new CopyOnWriteArrayList<>();
    private final List<Process> children = new CopyOnWriteArrayList<>();
    private final PrintWriter out;
    private final Thread hook = new Thread(this::stopQuietly, "bench-platform-stop");
    private Process infraProcess;
    private int extraAnalysis;

    private BenchPlatform(Workspace ws, InfraConfig infra, Options options, PrintWriter out) {
        this.ws = ws;
        this.infra = infra;
        this.options = options;
        this.out = out;
    }

    /** Starts everything in {@code root/.spinestream/bench} (emptied first) and waits until ready. */
    public static BenchPlatform start(Path root, Options options, PrintWriter out) throws Exception {
        Path home = root.resolve(".spinestream").resolve("bench");
        Workspace ws = Workspace.of(root, home);
        stopLeftovers(home.resolve(PROCESSES_FILE), out);
        deleteTree(home);
        Files.createDirectories(ws.logsDir());
        int[] ports = FreePorts.take(4 + SERVICES.size());
        BenchPlatform p = new BenchPlatform(ws,
                new InfraConfig(ws, LocalPlatform.HOST, ports[0], ports[1], ports[2], ports[3]), options, out);
        for (int i = 0; i < SERVICES.size(); i++) {
            p.specs.put(SERVICES.get(i), ServiceSpec.quarkus(SERVICES.get(i), ports[4 + i]));
        }
        Runtime.getRuntime().addShutdownHook(p.hook);
        try {
            p.startAll();
            return p;
        } catch (Exception | Error e) {
            p.stopQuietly();
            throw e;
        }
    }

    private void startAll() throws Exception {
        ServiceSupervisor supervisor = new ServiceSupervisor(ws, List.copyOf(specs.values()), this::environment, out);
        if (!supervisor.missingArtifacts().isEmpty()) {
            throw new IllegalStateException("not built: " + supervisor.missingArtifacts()
                    + " (./spinestream bench builds them; or ./mvnw -B -q install -DskipTests)");
        }
        long t0 = System.nanoTime();
        out.println("  infrastructure: Kafka " + infra.kafkaBootstrap() + ", PostgreSQL :" + infra.postgresPort()
                + ", MongoDB :" + infra.mongoPort() + " (workspace " + ws.home() + ")");
        infraProcess = child("infra", InfraMain.class, List.of("-Xms512m", "-Xmx1g"), InfraMain.READY, Duration.ofMinutes(2),
                ws.root().toString(), ws.home().toString(), infra.host(), Integer.toString(infra.kafkaPort()),
                Integer.toString(infra.kafkaControllerPort()), Integer.toString(infra.postgresPort()),
                Integer.toString(infra.mongoPort()));
        JwtKeys.of(ws).ensure();
        supervisors.add(supervisor);
        supervisor.startAll(this::started);
        supervisor.awaitReady(READY_TIMEOUT);
        out.printf("  platform ready in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private Map<String, String> environment(Workspace w, ServiceSpec spec) {
        String service = spec.name().replaceFirst("-\\d+$", "");
        ServiceSpec base = ServiceSpec.quarkus(service, spec.port());
        Map<String, String> env = new LinkedHashMap<>(LocalPlatform.environment(w, base, infra));
        String jvm = SERVICE_JVM_OPTIONS;
        if (options.jfr()) {
            // beside the workspace, which the next run empties: recordings stay until overwritten
            Path jfr = w.home().resolveSibling("bench-jfr").resolve(spec.name() + ".jfr");
            w.createDirectories(jfr.getParent());
            jvm += " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr;
        }
        env.put("JAVA_TOOL_OPTIONS", jvm);
        if (!spec.name().equals(service)) {
            // a further instance of form-analysis: same application id (it shares the partitions), own state
            env.put("KAFKA_STREAMS_STATE_DIR", w.stateDir(spec.name()).toString());
        }
        if (service.equals(SENSOR_INGEST)) {
            env.putAll(options.ingestEnvironment());
        }
        return env;
    }

    /** Starts one more form-analysis instance (same application id, so the telemetry partitions are shared). */
    public String startAnotherAnalysis() throws Exception {
        extraAnalysis++;
        String name = FORM_ANALYSIS + "-" + (extraAnalysis + 1);
        int port = FreePorts.take(1)[0];
        ServiceSpec quarkus = ServiceSpec.quarkus(FORM_ANALYSIS, port);
        ServiceSpec spec = new ServiceSpec(name, port, quarkus.command(), quarkus.artifact());
        ServiceSupervisor supervisor = new ServiceSupervisor(ws, List.of(spec), this::environment, out);
        supervisors.add(supervisor);
        supervisor.startAll(this::started);
        supervisor.awaitReady(READY_TIMEOUT);
        return name;
    }

    /** Stops the named extra instance. */
    public void stopService(String name) {
        for (ServiceSupervisor s : supervisors) {
            if (s.running().stream().anyMatch(r -> r.spec().name().equals(name))) {
                s.stopAll(STOP_GRACE);
            }
        }
    }

    /** Starts a helper JVM of the benchmark's own class path (the null endpoint), measured like the services. */
    public Process startHelper(String name, Class<?> main, String marker, String... args) throws Exception {
        return child(name, main, List.of("-Xms256m", "-Xmx512m"), marker, Duration.ofMinutes(1), args);
    }

    private Process child(String name, Class<?> main, List<String> jvm, String marker, Duration timeout, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ServiceSpec.javaExecutable());
        cmd.addAll(jvm);
        cmd.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path log = ws.logFile(name);
        Process p = new ProcessBuilder(cmd).directory(ws.root().toFile()).redirectErrorStream(true).start();
        children.add(p);
        recordProcesses();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                         StandardOpenOption.APPEND)) {
                for (String line; (line = r.readLine()) != null; ) {
                    w.write(line);
                    w.write('\n');
                    w.flush();
                    if (line.contains(marker)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException(name + " ended before it was ready; its log: " + log
                    + "\n" + ServiceSupervisor.tail(log, 30)));
        }, "bench-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " not ready after " + timeout + "; its log: " + log + "\n"
                    + ServiceSupervisor.tail(log, 30));
        }
        return p;
    }

    /** Ends a helper: closes its standard input and waits. */
    public static void stopHelper(Process p) {
        try {
            OutputStream in = p.getOutputStream();
            in.close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private void started(ServiceSupervisor.Running r) {
        started.add(r);
        recordProcesses();
    }

    public String url(String service) {
        return specs.get(service).baseUrl();
    }

    public InfraConfig infra() {
        return infra;
    }

    public Workspace workspace() {
        return ws;
    }

    /** Tokens of a clinic, signed with this run's key. */
    public TokenSource tokens(String clinic) throws IOException {
        return new LocalTokens(JwtKeys.of(ws), clinic, "spinestream-bench");
    }

    /** The infrastructure process (Kafka, Mongo; PostgreSQL is its child). */
    public ProcessHandle infraProcess() {
        return infraProcess.toHandle();
    }

    /** The live processes of a service, every instance (e.g. {@code form-analysis} and {@code form-analysis-2}). */
    public List<ProcessHandle> service(String service) {
        return started.stream()
                .filter(r -> r.spec().name().equals(service) || r.spec().name().startsWith(service + "-"))
                .map(r -> r.process().toHandle()).filter(ProcessHandle::isAlive).toList();
    }

    /** A meter of every part: broker + Mongo, PostgreSQL, each service, and this JVM (the load generator). */
    public CpuMeter meter(List<Process> helpers) {
        CpuMeter m = new CpuMeter();
        ProcessHandle infraJvm = infraProcess.toHandle();
        // one JVM: the Mongo-wire server's worker threads apart, the broker is the rest (GC included)
        m.split("Mongo-wire", "Kafka", () -> List.of(infraJvm), thread -> thread.startsWith("mongo-server"));
        m.group("PostgreSQL", this::postgres);
        for (String s : SERVICES) {
            m.group(s, () -> service(s));
        }
        // this JVM alone: the platform's processes are its descendants
        m.processesOnly("load generator", () -> List.of(ProcessHandle.current()));
        for (Process h : helpers) {
            m.group("null endpoint", () -> List.of(h.toHandle()));
        }
        return m;
    }

    /** The PostgreSQL postmaster (pg_ctl leaves it to init, so it is found by its pid file), if it runs. */
    public List<ProcessHandle> postgres() {
        try {
            String first = Files.readAllLines(ws.postmasterPidFile(), StandardCharsets.US_ASCII).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).stream().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    public Path logFile(String name) {
        return ws.logFile(name);
    }

    // --- stopping -------------------------------------------------------------------------------------

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        stopQuietly();
    }

    private synchronized void stopQuietly() {
        List<ServiceSupervisor> reversed = new ArrayList<>(supervisors);
        Collections.reverse(reversed);
        supervisors.clear();
        for (ServiceSupervisor s : reversed) {
            s.stopAll(STOP_GRACE);
        }
        List<Process> helpers = new ArrayList<>(children);
        children.clear();
        Collections.reverse(helpers); // helpers first, the infrastructure last
        helpers.forEach(BenchPlatform::stopHelper);
        try {
            Files.deleteIfExists(ws.home().resolve(PROCESSES_FILE));
        } catch (IOException e) {
            // nothing left to stop anyway
        }
    }

    /** Records every started process (pid and start time), so that a later run can stop what a killed one left. */
    private void recordProcesses() {
        Properties p = new Properties();
        Stream.concat(started.stream().map(r -> r.process().toHandle()), children.stream().map(Process::toHandle))
                .forEach(h -> h.info().startInstant().ifPresent(t -> p.setProperty(Long.toString(h.pid()),
                        Long.toString(t.toEpochMilli()))));
        try (Writer w = Files.newBufferedWriter(ws.home().resolve(PROCESSES_FILE), StandardCharsets.UTF_8)) {
            p.store(w, "processes of the running platform benchmark (pid = start time, epoch ms)");
        } catch (IOException e) {
            out.println("  (could not record the benchmark's processes: " + e + ")");
        }
    }

    private static void stopLeftovers(Path file, PrintWriter out) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<ProcessHandle> alive = new ArrayList<>();
        for (String pid : p.stringPropertyNames()) {
            long start = Long.parseLong(p.getProperty(pid));
            ProcessHandle.of(Long.parseLong(pid))
                    .filter(h -> h.info().startInstant().map(t -> t.toEpochMilli() == start).orElse(false))
                    .ifPresent(alive::add);
        }
        if (!alive.isEmpty()) {
            out.println("  stopping what an interrupted earlier benchmark left running: pids "
                    + alive.stream().map(h -> Long.toString(h.pid())).toList());
            Processes.terminateTrees(alive, STOP_GRACE);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path x : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
