package io.spinestream.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Stops what a launcher recorded: the launcher itself (SIGTERM, it then stops everything in order),
 * and, if it is gone but left processes behind (e.g. after {@code kill -9}), the recorded service
 * processes and the PostgreSQL postmaster of {@code .spinestream/postgres}.
 */
final class Stopper {

    static final Duration SERVICE_GRACE = Duration.ofSeconds(20);
    static final Duration POSTGRES_GRACE = Duration.ofSeconds(15);

    private final Workspace ws;
    private final PrintWriter out;

    Stopper(Workspace ws, PrintWriter out) {
        this.ws = ws;
        this.out = out;
    }

    /** A recorded process, with the start time recorded next to its pid (guards against pid reuse). */
    record Recorded(String what, ProcessHandle handle) {
    }

    /** The running launcher of this workspace, if any. */
    Optional<ProcessHandle> launcher() {
        LauncherState state = LauncherState.read(ws.stateFile());
        OptionalLong pid = LauncherState.readPidFile(ws.pidFile());
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return Processes.alive(pid.getAsLong(), cmd -> true)
                .filter(p -> sameStart(p, state.getLong("launcher.start"),
                        () -> Processes.commandLine(p).contains("io.spinestream.launcher")));
    }

    /** The service processes recorded in the state file that are still alive. */
    List<Recorded> services() {
        LauncherState state = LauncherState.read(ws.stateFile());
        List<Recorded> result = new ArrayList<>();
        for (String name : state.services()) {
            OptionalLong pid = state.getLong("service." + name + ".pid");
            if (pid.isEmpty()) {
                continue;
            }
            OptionalLong start = state.getLong("service." + name + ".start");
            Processes.alive(pid.getAsLong(), cmd -> true)
                    .filter(p -> sameStart(p, start, () -> false))
                    .ifPresent(p -> result.add(new Recorded(name, p)));
        }
        return result;
    }

    /** The postmaster of this workspace's PostgreSQL data directory, if it is running. */
    Optional<ProcessHandle> postmaster() {
        OptionalLong pid = LauncherState.readPidFile(ws.postmasterPidFile());
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Predicate<String> isPostgres = cmd -> cmd.contains("postgres");
        return Processes.alive(pid.getAsLong(), isPostgres);
    }

    private static boolean sameStart(ProcessHandle p, OptionalLong recordedStart, java.util.function.BooleanSupplier fallback) {
        Optional<Instant> actual = p.info().startInstant();
        if (recordedStart.isPresent() && actual.isPresent()) {
            // /proc start times have a resolution of a clock tick
            return Math.abs(actual.get().toEpochMilli() - recordedStart.getAsLong()) < 1000;
        }
        return fallback.getAsBoolean();
    }

    static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * {@code ./spinestream down}: SIGTERM to the launcher, wait for it and its children, then clean up
     * whatever survived.
     *
     * @return true if everything recorded is gone
     */
    boolean down(Duration wait) {
        Optional<ProcessHandle> launcher = launcher();
        List<Recorded> services = services();
        boolean stoppedSomething = false;
        if (launcher.isPresent()) {
            ProcessHandle l = launcher.get();
            out.printf("Stopping the launcher (pid %d) and everything it runs ...%n", l.pid());
            l.destroy();
            List<ProcessHandle> all = new ArrayList<>();
            all.add(l);
            services.forEach(s -> all.add(s.handle()));
            long t0 = System.nanoTime();
            if (Processes.awaitExit(all, wait)) {
                out.printf("Stopped the launcher (pid %d)%s, Kafka, MongoDB and PostgreSQL in %.1f s.%n", l.pid(),
                        services.isEmpty() ? "" : ", services " + String.join(", ", services.stream().map(Recorded::what).toList()),
                        (System.nanoTime() - t0) / 1e9);
            } else if (Processes.isRunning(l)) {
                out.printf("The launcher (pid %d) did not stop within %d s: killing it.%n", l.pid(), wait.toSeconds());
                l.destroyForcibly();
                Processes.awaitExit(List.of(l), Duration.ofSeconds(5));
            }
            stoppedSomething = true;
        }
        stoppedSomething |= cleanLeftovers();
        if (launcher().isEmpty()) {
            deleteQuietly();
        }
        if (!stoppedSomething) {
            out.println("Nothing was running.");
        }
        return launcher().isEmpty() && services().isEmpty() && postmaster().isEmpty();
    }

    /**
     * Stops service processes and the postmaster left behind by a launcher that is gone.
     *
     * @return true if something was stopped
     */
    boolean cleanLeftovers() {
        if (launcher().isPresent()) {
            return false;
        }
        boolean stopped = false;
        List<Recorded> services = services();
        if (!services.isEmpty()) {
            out.println("Stopping service processes left behind: "
                    + String.join(", ", services.stream().map(s -> s.what() + " (pid " + s.handle().pid() + ")").toList()));
            List<ProcessHandle> killed = Processes.terminateTrees(services.stream().map(Recorded::handle).toList(), SERVICE_GRACE);
            killed.forEach(k -> out.println("  pid " + k.pid() + " had to be killed"));
            stopped = true;
        }
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isPresent()) {
            out.printf("Stopping the PostgreSQL postmaster left behind (pid %d, data %s)%n", postmaster.get().pid(),
                    ws.postgresDataDir());
            List<ProcessHandle> killed = Processes.terminateTrees(List.of(postmaster.get()), POSTGRES_GRACE);
            killed.forEach(k -> out.println("  pid " + k.pid() + " had to be killed"));
            stopped = true;
        } else if (Files.exists(ws.postmasterPidFile()) && LauncherState.readPidFile(ws.postmasterPidFile())
                .stream().anyMatch(pid -> ProcessHandle.of(pid).map(Processes::isRunning).orElse(false))) {
            // the recorded pid now belongs to another program: PostgreSQL would refuse to start
            try {
                Files.deleteIfExists(ws.postmasterPidFile());
            } catch (IOException e) {
                out.println("cannot remove the stale " + ws.postmasterPidFile() + ": " + e.getMessage());
            }
        }
        return stopped;
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(ws.pidFile());
            Files.deleteIfExists(ws.stateFile());
        } catch (IOException e) {
            out.println("cannot remove " + ws.pidFile() + ": " + e.getMessage());
        }
    }
}
