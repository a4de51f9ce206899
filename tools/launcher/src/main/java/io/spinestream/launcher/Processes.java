package io.spinestream.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Finding and stopping process trees with {@link ProcessHandle} (SIGTERM, then SIGKILL). */
public final class Processes {

    private Processes() {
    }

    /** The live process with that pid whose command line matches, if any (guards against pid reuse). */
    public static Optional<ProcessHandle> alive(long pid, Predicate<String> commandLineMatches) {
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(Processes::isRunning)
                .filter(p -> commandLineMatches.test(commandLine(p)));
    }

    /**
     * Alive and not a zombie: a process that exited but whose parent has not reaped it yet (e.g. an
     * orphan waiting for a slow init) counts as gone, though {@link ProcessHandle#isAlive()} says otherwise.
     */
    public static boolean isRunning(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
        try {
            String text = Files.readString(stat);
            // pid (comm) S ...: the state follows the last ')' since comm may contain spaces and parentheses
            int close = text.lastIndexOf(')');
            if (close > 0 && close + 2 < text.length()) {
                char state = text.charAt(close + 2);
                return state != 'Z' && state != 'X';
            }
            return true;
        } catch (NoSuchFileException e) {
            return !Files.isDirectory(Path.of("/proc/self")) && p.isAlive();
        } catch (IOException e) {
            return p.isAlive();
        }
    }

    public static String commandLine(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        return info.commandLine().orElseGet(() -> info.command().orElse(""));
    }

    /**
     * Sends SIGTERM to each root, waits up to {@code grace} for the roots and all their descendants to
     * exit, then SIGKILLs whatever is left.
     *
     * @return the processes that had to be killed with SIGKILL
     */
    public static List<ProcessHandle> terminateTrees(List<ProcessHandle> roots, Duration grace) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            if (isRunning(root)) {
                root.descendants().forEach(all::add);
                all.add(root);
            }
        }
        for (ProcessHandle root : roots) {
            root.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean orphansSignalled = false;
        while (System.nanoTime() < deadline && all.stream().anyMatch(Processes::isRunning)) {
            if (!orphansSignalled && roots.stream().noneMatch(Processes::isRunning)) {
                // the roots are gone; whatever they left behind gets its own SIGTERM
                all.stream().filter(Processes::isRunning).forEach(ProcessHandle::destroy);
                orphansSignalled = true;
            }
            sleep(100);
        }
        List<ProcessHandle> killed = new ArrayList<>();
        for (ProcessHandle p : all) {
            if (isRunning(p)) {
                p.destroyForcibly();
                killed.add(p);
            }
        }
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < killDeadline && killed.stream().anyMatch(Processes::isRunning)) {
            sleep(50);
        }
        return killed;
    }

    /** Waits until none of the processes is alive; returns true if they all exited in time. */
    public static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(Processes::isRunning)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(100);
        }
        return true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
