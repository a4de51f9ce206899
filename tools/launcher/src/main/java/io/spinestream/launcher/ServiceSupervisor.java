package io.spinestream.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Runs the services as child processes (working directory: the repository root; stdout and stderr
 * appended to {@code .spinestream/logs/<name>.log}), waits for their readiness and stops them
 * (SIGTERM, then SIGKILL after a grace period, descendants included).
 */
public final class ServiceSupervisor {

    /** Raised when a service cannot be started or does not become ready. */
    public static final class StartupFailure extends Exception {
        public StartupFailure(String message) {
            super(message);
        }
    }

    /** A started service. */
    public record Running(ServiceSpec spec, Process process, Path log) {
        public long pid() {
            return process.pid();
        }
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    public static final int LOG_TAIL_LINES = 30;

    private final Workspace workspace;
    private final List<ServiceSpec> services;
    private final BiFunction<Workspace, ServiceSpec, Map<String, String>> environment;
    private final PrintWriter out;
    private final HealthProbe probe = new HealthProbe();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Object lock = new Object();
    private volatile boolean stopRequested;

    public ServiceSupervisor(Workspace workspace, List<ServiceSpec> services,
                             BiFunction<Workspace, ServiceSpec, Map<String, String>> environment, PrintWriter out) {
        this.workspace = workspace;
        this.services = List.copyOf(services);
        this.environment = environment;
        this.out = out;
    }

    /** The services whose artifact (quarkus-run.jar) is missing. */
    public List<ServiceSpec> missingArtifacts() {
        return services.stream().filter(s -> !Files.isRegularFile(s.artifact().apply(workspace))).toList();
    }

    public List<Running> running() {
        synchronized (lock) {
            return List.copyOf(running.values());
        }
    }

    /** Starts every service; calls {@code onStarted} after each (to record its pid). */
    public void startAll(java.util.function.Consumer<Running> onStarted) throws IOException {
        Files.createDirectories(workspace.logsDir());
        for (ServiceSpec spec : services) {
            Running r;
            synchronized (lock) {
                if (stopRequested) {
                    throw new CancellationException("shutting down");
                }
                r = start(spec);
                running.put(spec.name(), r);
            }
            out.printf("  %-14s pid %-8d port %d  log %s%n", spec.name(), r.pid(), spec.port(),
                    workspace.root().relativize(r.log()));
            onStarted.accept(r);
        }
    }

    private Running start(ServiceSpec spec) throws IOException {
        Path log = workspace.logFile(spec.name());
        Files.writeString(log, "%n===== %s starting %s (spinestream launcher) =====%n".formatted(Instant.now(), spec.name()),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // own session: a Ctrl-C in the launcher's terminal reaches only the launcher, which then stops the
            // services before the infrastructure they depend on
            command.add(SETSID.toString());
        }
        command.addAll(spec.command().apply(workspace));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workspace.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectInput(Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment.apply(workspace, spec));
        return new Running(spec, pb.start(), log);
    }

    /**
     * Polls every service's readiness until all are ready. Fails (with the tail of the culprit's log)
     * when one exits or the timeout passes.
     */
    public void awaitReady(Duration timeout) throws StartupFailure {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        List<Running> pending = new ArrayList<>(running());
        long nextReport = t0 + Duration.ofSeconds(10).toNanos();
        while (!pending.isEmpty()) {
            if (stopRequested) {
                throw new CancellationException("shutting down");
            }
            for (var it = pending.iterator(); it.hasNext(); ) {
                Running r = it.next();
                if (!r.process().isAlive()) {
                    throw new StartupFailure(r.spec().name() + " exited with code " + exitCode(r)
                            + " before it was ready. Last lines of " + r.log() + ":\n" + tail(r.log(), LOG_TAIL_LINES));
                }
                if (probe.ready(r.spec().readinessUrl()).ready()) {
                    out.printf("  %-14s ready (%.1f s)%n", r.spec().name(), (System.nanoTime() - t0) / 1e9);
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                StringBuilder sb = new StringBuilder("not ready after " + timeout.toSeconds() + " s: "
                        + pending.stream().map(r -> r.spec().name()).collect(Collectors.joining(", ")));
                for (Running r : pending) {
                    sb.append("\n\n").append(r.spec().name()).append(": ")
                            .append(probe.ready(r.spec().readinessUrl()).detail())
                            .append(". Last lines of ").append(r.log()).append(":\n").append(tail(r.log(), LOG_TAIL_LINES));
                }
                throw new StartupFailure(sb.toString());
            }
            if (now >= nextReport) {
                out.printf("  ... waiting for %s (%d s)%n",
                        pending.stream().map(r -> r.spec().name()).collect(Collectors.joining(", ")),
                        Duration.ofNanos(now - t0).toSeconds());
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            Processes.sleep(500);
        }
    }

    private static String exitCode(Running r) {
        try {
            return Integer.toString(r.process().exitValue());
        } catch (IllegalThreadStateException e) {
            return "?";
        }
    }

    /** Stops all services in parallel: SIGTERM, up to {@code grace}, then SIGKILL (descendants too). */
    public void stopAll(Duration grace) {
        stopRequested = true;
        List<Running> toStop;
        synchronized (lock) {
            toStop = new ArrayList<>(running.values());
            running.clear();
        }
        List<ProcessHandle> handles = toStop.stream().map(r -> r.process().toHandle()).filter(Processes::isRunning).toList();
        if (handles.isEmpty()) {
            return;
        }
        out.println("Stopping services: " + toStop.stream().map(r -> r.spec().name()).collect(Collectors.joining(", ")));
        List<ProcessHandle> killed = Processes.terminateTrees(handles, grace);
        for (ProcessHandle k : killed) {
            out.println("  pid " + k.pid() + " did not stop within " + grace.toSeconds() + " s: killed");
        }
    }

    /** The last {@code lines} lines of a (possibly large) log file. */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "    (no log file)";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int chunk = (int) Math.min(length, 256 * 1024);
            byte[] buf = new byte[chunk];
            raf.seek(length - chunk);
            raf.readFully(buf);
            List<String> all = Arrays.asList(new String(buf, StandardCharsets.UTF_8).split("\\R", -1));
            if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all = all.subList(0, all.size() - 1);
            }
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return last.stream().map(l -> "    | " + l).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "    (cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
