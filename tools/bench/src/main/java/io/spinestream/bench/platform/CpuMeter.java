package io.spinestream.bench.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time of named groups of processes (the broker, PostgreSQL, each service, the load generator)
 * from {@code /proc/<pid>/stat}: each group's processes with all their descendants, plus what their
 * ended children used. A reading is a snapshot; the difference of two is what was used in between.
 */
public final class CpuMeter {

    /** CPU seconds per group at one moment, and when it was taken. */
    public record Reading(long nanoTime, Map<String, Double> seconds) {

        /** Seconds used since {@code earlier}, per group. */
        public Map<String, Double> since(Reading earlier) {
            Map<String, Double> d = new LinkedHashMap<>();
            seconds.forEach((k, v) -> d.put(k, v - earlier.seconds.getOrDefault(k, 0.0)));
            return d;
        }

        public double wallSecondsSince(Reading earlier) {
            return (nanoTime - earlier.nanoTime) / 1e9;
        }
    }

    private record Group(Supplier<List<ProcessHandle>> roots, boolean descendants) {
    }

    /** One process split in two by its threads' names. */
    private record Split(String matchedName, String restName, Supplier<List<ProcessHandle>> process,
                         java.util.function.Predicate<String> threadName) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Split> splits = new java.util.ArrayList<>();
    private final double ticksPerSecond = clockTicks();

    /** Adds (or replaces) a group: its root processes, looked up at every reading, and all their descendants. */
    public CpuMeter group(String name, Supplier<List<ProcessHandle>> roots) {
        groups.put(name, new Group(roots, true));
        return this;
    }

    /** A group of these processes only (their ended children included), not their live descendants. */
    public CpuMeter processesOnly(String name, Supplier<List<ProcessHandle>> roots) {
        groups.put(name, new Group(roots, false));
        return this;
    }

    /**
     * Two groups from one process: its live threads whose name matches (e.g. the Mongo-wire server's
     * workers), and all the rest of it (the other threads, ended ones and the JVM's own included).
     */
    public CpuMeter split(String matchedName, String restName, Supplier<List<ProcessHandle>> process,
                          java.util.function.Predicate<String> threadName) {
        splits.add(new Split(matchedName, restName, process, threadName));
        return this;
    }

    public Reading read() {
        Map<String, Double> s = new LinkedHashMap<>();
        long now = System.nanoTime();
        groups.forEach((name, group) -> {
            long ticks = group.roots().get().stream()
                    .flatMap(p -> group.descendants() ? Stream.concat(Stream.of(p), p.descendants()) : Stream.of(p))
                    .mapToLong(p -> ProcStat.read(p.pid()).map(ProcStat::totalTicks).orElse(0L))
                    .sum();
            s.put(name, ticks / ticksPerSecond);
        });
        for (Split split : splits) {
            long total = 0;
            long matched = 0;
            for (ProcessHandle p : split.process().get()) {
                total += ProcStat.read(p.pid()).map(ProcStat::totalTicks).orElse(0L);
                matched += threadTicks(p.pid(), split.threadName());
            }
            s.put(split.restName(), (total - matched) / ticksPerSecond);
            s.put(split.matchedName(), matched / ticksPerSecond);
        }
        return new Reading(now, s);
    }

    /** CPU ticks of a process's live threads whose name ({@code /proc/<pid>/task/<tid>/comm}) matches. */
    static long threadTicks(long pid, java.util.function.Predicate<String> threadName) {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (java.util.stream.Stream<java.nio.file.Path> ts = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path t : ts.toList()) {
                try {
                    String comm = java.nio.file.Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).trim();
                    if (threadName.test(comm)) {
                        ProcStat st = ProcStat.parse(java.nio.file.Files.readString(t.resolve("stat"),
                                StandardCharsets.US_ASCII));
                        ticks += st.utime() + st.stime();
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    /** {@code getconf CLK_TCK}; 100 (what Linux uses everywhere in practice) if it cannot be asked. */
    static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() == 0) {
                return Double.parseDouble(out);
            }
        } catch (IOException | NumberFormatException e) {
            // the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
