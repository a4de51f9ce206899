package io.spinestream.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.spinestream.launcher.demo.Demo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "up", sortOptions = false,
        description = {"Starts the infrastructure and the services, in the foreground.", "",
                "Starts Kafka, PostgreSQL and the MongoDB wire server (data in",
                ".spinestream/), creates the Kafka topics, starts the four services and",
                "waits until they are ready; then installs the demo (clinic-demo: three",
                "wearers with belts, a webhook receiver, a one-minute simulation) and",
                "prints where to look. Ctrl-C, or `spinestream down` from another shell,",
                "stops everything. The script first rebuilds with Maven when a source",
                "changed (SPINESTREAM_SKIP_BUILD=1 skips that).", ""})
public class UpCommand implements Callable<Integer> {

    static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(60);

    @ParentCommand
    SpinestreamCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "180s", converter = Durations.class,
            description = "How long to wait for the services to be ready (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-demo", description = "The bare platform: no demo clinic, receiver or simulation.")
    boolean noDemo;

    @Option(names = "--infra-only",
            description = "Start only Kafka, PostgreSQL and MongoDB (e.g. to run a service with quarkus:dev).")
    boolean infraOnly;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private PrintWriter out;
    private Workspace ws;
    private LocalInfra infra;
    private ServiceSupervisor services;
    private volatile Demo demo;
    private final LauncherState state = new LauncherState();
    private List<String> topics = List.of();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final Object shutdownDone = new Object();
    private volatile boolean stopped;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ws = parent.workspace();
        Stopper stopper = new Stopper(ws, out);

        Optional<ProcessHandle> running = stopper.launcher();
        if (running.isPresent()) {
            err.printf("spinestream is already running (launcher pid %d). See ./spinestream status, or stop it with ./spinestream down.%n",
                    running.get().pid());
            return 1;
        }
        stopper.cleanLeftovers();

        List<ServiceSpec> serviceSpecs = infraOnly ? List.of() : LocalPlatform.SERVICES;
        services = new ServiceSupervisor(ws, serviceSpecs, LocalPlatform::environment, out);
        List<ServiceSpec> missing = services.missingArtifacts();
        if (!missing.isEmpty()) {
            err.println("spinestream: these services are not built:");
            missing.forEach(s -> err.println("  " + s.name() + ": missing " + ws.root().relativize(s.artifact().apply(ws))));
            err.println("Build them with `./mvnw -B install -DskipTests` at the repository root (./spinestream up does it when"
                    + " sources changed), or start only the infrastructure with `./spinestream up --infra-only`.");
            return 1;
        }
        InfraConfig config = LocalPlatform.infraConfig(ws);
        List<String> busy = busyPorts(config, serviceSpecs);
        if (!busy.isEmpty()) {
            err.println("spinestream: ports already in use: " + String.join(", ", busy));
            err.println("Stop what uses them (a launcher of another checkout? `./spinestream down` there) and retry.");
            return 1;
        }

        ws.createDirectories(ws.home());
        ws.createDirectories(ws.logsDir());
        ws.createDirectories(ws.stateDir("form-analysis"));
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(ws.pidFile(), self.pid() + "\n");
        state.put("launcher.pid", self.pid()).put("launcher.start", Stopper.startMillis(self))
                .put("root", ws.root()).put("kafka.port", config.kafkaPort())
                .put("kafka.controller.port", config.kafkaControllerPort()).put("postgres.port", config.postgresPort())
                .put("postgres.data", ws.postgresDataDir()).put("mongo.port", config.mongoPort())
                .put("services", serviceSpecs.stream().map(ServiceSpec::name).collect(Collectors.joining(",")))
                .write(ws.stateFile());
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "spinestream-shutdown"));

        long t0 = System.nanoTime();
        try {
            if (JwtKeys.of(ws).ensure()) {
                out.println("Generated the local JWT key pair in " + ws.root().relativize(ws.keysDir()));
            }
            if (WebhookSecretsKey.of(ws).ensure()) {
                out.println("Generated the key of the webhook secrets at rest in "
                        + ws.root().relativize(WebhookSecretsKey.of(ws).file()));
            }
            out.println("Starting the infrastructure (data in " + ws.root().relativize(ws.home()) + ", logs in "
                    + ws.root().relativize(ws.logsDir()) + ")");
            infra = new LocalInfra(config);
            infra.start(line -> out.println(line));
            checkNotStopping();
            long tt = System.nanoTime();
            topics = infra.ensureTopics(TOPICS_TIMEOUT);
            out.printf("  %-38s %d topics of the registry present (%.1f s)%n", "Kafka topics", topics.size(),
                    (System.nanoTime() - tt) / 1e9);
            checkNotStopping();

            if (!serviceSpecs.isEmpty()) {
                out.println("Starting the services");
                services.startAll(r -> state.put("service." + r.spec().name() + ".pid", r.pid())
                        .put("service." + r.spec().name() + ".start", Stopper.startMillis(r.process().toHandle()))
                        .put("service." + r.spec().name() + ".port", r.spec().port())
                        .put("service." + r.spec().name() + ".log", r.log())
                        .write(ws.stateFile()));
                out.println("Waiting for readiness (timeout " + timeout.toSeconds() + " s)");
                services.awaitReady(timeout);
                checkNotStopping();
            }
        } catch (CancellationException e) {
            awaitShutdown();
            return 130;
        } catch (ServiceSupervisor.StartupFailure e) {
            err.println();
            err.println("spinestream: " + e.getMessage());
            err.println();
            err.println("Stopping everything.");
            err.flush();
            shutdown();
            return 1;
        } catch (Exception e) {
            if (shuttingDown.get()) {
                awaitShutdown();
                return 130;
            }
            err.println();
            err.println("spinestream: startup failed: " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                err.println("  caused by: " + c);
            }
            err.println("Logs: " + ws.logsDir());
            err.println("Stopping everything.");
            err.flush();
            shutdown();
            return 1;
        }

        out.printf("%nspinestream is up (%.1f s).%n", (System.nanoTime() - t0) / 1e9);
        printSummary(config, serviceSpecs);
        if (!noDemo && !infraOnly) {
            installDemo(err);
        }
        out.println();
        out.println("Press Ctrl-C to stop, or run ./spinestream down from another shell.");
        out.flush();
        monitor();
        return 0;
    }

    private void checkNotStopping() {
        if (shuttingDown.get()) {
            throw new CancellationException("shutting down");
        }
    }

    private static List<String> busyPorts(InfraConfig config, List<ServiceSpec> services) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(config.kafkaPort(), "Kafka");
        ports.put(config.kafkaControllerPort(), "Kafka controller");
        ports.put(config.postgresPort(), "PostgreSQL");
        ports.put(config.mongoPort(), "MongoDB");
        services.forEach(s -> ports.put(s.port(), s.name()));
        List<String> busy = new ArrayList<>();
        ports.forEach((port, what) -> {
            if (!portFree(config.host(), port)) {
                busy.add(port + " (" + what + ")");
            }
        });
        return busy;
    }

    static boolean portFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void printSummary(InfraConfig config, List<ServiceSpec> serviceSpecs) {
        HealthProbe probe = new HealthProbe();
        out.println();
        out.println("Infrastructure");
        out.printf("  %-14s %s  topics: %s%n", "Kafka", config.kafkaBootstrap(),
                String.join(", ", topics));
        out.printf("  %-14s %s:%d  user %s / password %s, databases %s%n", "PostgreSQL", config.host(),
                config.postgresPort(), LocalPlatform.DB_USER, LocalPlatform.DB_PASSWORD, String.join(", ", LocalPlatform.DATABASES));
        out.printf("  %-14s %s%n", "MongoDB", config.mongoUri());
        if (!serviceSpecs.isEmpty()) {
            out.println();
            out.println("Services");
            for (ServiceSpec s : serviceSpecs) {
                out.printf("  %-14s %s%n", s.name(), s.baseUrl());
                out.printf("  %-14s   health   %s/q/health%n", "", s.baseUrl());
                for (String[] endpoint : new String[][] {{"metrics", "/q/metrics"}, {"openapi", "/q/openapi"},
                        {"swagger", "/q/swagger-ui"}}) {
                    int code = probe.status(s.baseUrl() + endpoint[1]);
                    if (code >= 200 && code < 400) {
                        out.printf("  %-14s   %-8s %s%s%n", "", endpoint[0], s.baseUrl(), endpoint[1]);
                    }
                }
            }
        } else {
            out.println();
            out.println("Services: not started (--infra-only). Their environment would be:");
            LocalPlatform.environment(ws, LocalPlatform.SERVICES.get(0)).forEach((k, v) -> out.printf("  %s=%s%n", k, v));
            // The key itself is not printed: it would end up in terminal scrollback and logs.
            out.println("  and notification also " + WebhookSecretsKey.ENV + "=\"$(cat "
                    + ws.root().relativize(WebhookSecretsKey.of(ws).file()) + ")\"");
        }
        out.println();
        out.println("Tokens (RS256, issuer " + LocalPlatform.JWT_ISSUER + ", key " + ws.root().relativize(ws.privateKeyFile()) + ")");
        out.println("  TOKEN=$(./spinestream token --role clinician --clinic clinic-1)");
        out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + LocalPlatform.SERVICES.get(2).baseUrl() + "/...");
        out.println("  roles: " + String.join(", ", LocalPlatform.ROLES));
        out.println();
        out.println("Logs in " + ws.logsDir());
        out.flush();
    }

    /** The demo; a failure is reported and the platform keeps running without it. */
    private void installDemo(PrintWriter err) {
        Demo d = new Demo(ws, out);
        synchronized (shutdownDone) {
            if (shuttingDown.get()) {
                return;
            }
            demo = d;
        }
        try {
            d.start();
        } catch (Exception | Error e) {
            if (shuttingDown.get()) {
                return;
            }
            err.println();
            err.println("spinestream: the demo could not be installed: " + e.getMessage());
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                err.println("  caused by: " + c);
            }
            err.println("The platform runs without it (see " + ws.logFile("simulator") + "); ./spinestream up --no-demo"
                    + " skips it.");
            err.flush();
            d.close();
        }
    }

    /** Runs until the JVM shuts down; reports services that exit on their own. */
    private void monitor() {
        Set<String> reported = new HashSet<>();
        while (!shuttingDown.get()) {
            for (ServiceSupervisor.Running r : services.running()) {
                if (!r.process().isAlive() && !shuttingDown.get() && reported.add(r.spec().name())) {
                    out.printf("%n%s WARNING: %s (pid %d) exited with code %d. Last lines of %s:%n%s%n",
                            Instant.now(), r.spec().name(), r.pid(), r.process().exitValue(), r.log(),
                            ServiceSupervisor.tail(r.log(), ServiceSupervisor.LOG_TAIL_LINES));
                    out.println("The rest keeps running; restart with ./spinestream down && ./spinestream up.");
                }
            }
            Processes.sleep(1000);
        }
        awaitShutdown();
    }

    /** The shutdown hook (also used on startup failure): services, then Kafka, MongoDB, PostgreSQL. Idempotent. */
    void shutdown() {
        if (!shuttingDown.compareAndSet(false, true)) {
            awaitShutdown();
            return;
        }
        try {
            out.println();
            out.println("Shutting down ...");
            out.flush();
            Demo d;
            synchronized (shutdownDone) {
                d = demo;
            }
            if (d != null) {
                d.close();
            }
            if (services != null) {
                services.stopAll(Stopper.SERVICE_GRACE);
            }
            if (infra != null) {
                out.println("Stopping Kafka, MongoDB, PostgreSQL");
                out.flush();
                infra.stop();
            }
            try {
                Files.deleteIfExists(ws.pidFile());
                Files.deleteIfExists(ws.stateFile());
            } catch (IOException e) {
                out.println("cannot remove " + ws.pidFile() + ": " + e.getMessage());
            }
            out.println("Stopped.");
            out.flush();
        } finally {
            synchronized (shutdownDone) {
                stopped = true;
                shutdownDone.notifyAll();
            }
        }
    }

    private void awaitShutdown() {
        synchronized (shutdownDone) {
            while (!stopped) {
                try {
                    shutdownDone.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
