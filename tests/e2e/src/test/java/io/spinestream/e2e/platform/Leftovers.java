package io.spinestream.e2e.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.spinestream.launcher.LauncherState;
import io.spinestream.launcher.Processes;
import io.spinestream.launcher.ServiceSupervisor;

/**
 * The processes a run started outside its own JVM (the services, the PostgreSQL postmaster), recorded
 * in the workspace so that the next run can stop what a killed run (SIGKILL, no shutdown hook) left.
 * A pid counts only while the process's start time is the recorded one, so a reused pid is left alone.
 */
final class Leftovers {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private Leftovers() {
    }

    /** Records the service processes started so far. */
    static void record(Path file, List<ServiceSupervisor.Running> started) {
        LauncherState state = new LauncherState();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            ProcessHandle p = started.get(i).process().toHandle();
            String key = started.get(i).spec().name() + "-" + i;
            keys.add(key);
            state.put("service." + key + ".pid", p.pid());
            state.put("service." + key + ".start", p.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
        }
        state.put("services", String.join(",", keys));
        state.write(file);
    }

    /** Stops what an earlier run recorded and left running; returns what it stopped. */
    static List<String> stop(Path file, Path postmasterPidFile) {
        List<ProcessHandle> alive = new ArrayList<>();
        List<String> names = new ArrayList<>();
        LauncherState state = LauncherState.read(file);
        for (String key : state.services()) {
            OptionalLong pid = state.getLong("service." + key + ".pid");
            OptionalLong start = state.getLong("service." + key + ".start");
            if (pid.isEmpty() || start.isEmpty()) {
                continue;
            }
            Processes.alive(pid.getAsLong(), cmd -> cmd.contains("quarkus-run.jar"))
                    .filter(p -> p.info().startInstant()
                            .map(at -> Math.abs(at.toEpochMilli() - start.getAsLong()) < 1000).orElse(false))
                    .ifPresent(p -> {
                        alive.add(p);
                        names.add(key + " (pid " + p.pid() + ")");
                    });
        }
        LauncherState.readPidFile(postmasterPidFile).stream()
                .mapToObj(pid -> Processes.alive(pid, cmd -> cmd.contains("postgres")))
                .flatMap(java.util.Optional::stream)
                .forEach(p -> {
                    alive.add(p);
                    names.add("postgres (pid " + p.pid() + ")");
                });
        if (!alive.isEmpty()) {
            Processes.terminateTrees(alive, GRACE);
        }
        return names;
    }
}
