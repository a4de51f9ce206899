package io.spinestream.bench.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of {@code /proc/<pid>/stat} (proc(5)): the CPU a process used, in clock ticks.
 *
 * @param pid    the process
 * @param comm   its command name (without the parentheses)
 * @param utime  ticks in user mode
 * @param stime  ticks in kernel mode
 * @param cutime user ticks of its children that ended and were waited for
 * @param cstime kernel ticks of those children
 */
public record ProcStat(long pid, String comm, long utime, long stime, long cutime, long cstime) {

    /**
     * The process's own ticks plus those of its ended children: PostgreSQL's backends end with their
     * connections, and what they used is then counted in the postmaster's {@code cutime}/{@code cstime}.
     */
    public long totalTicks() {
        return utime + stime + cutime + cstime;
    }

    /**
     * Parses a stat line. The command name is in parentheses and may itself contain spaces and
     * parentheses, so the fields are counted from the last {@code ')'}.
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String comm = line.substring(open + 1, close);
        // after ")": field 3 (state) is rest[0]; utime is field 14, so rest[11]; stime, cutime, cstime follow
        String[] rest = line.substring(close + 1).trim().split("\\s+");
        if (rest.length < 15) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with too few fields: " + line);
        }
        return new ProcStat(pid, comm, Long.parseLong(rest[11]), Long.parseLong(rest[12]), Long.parseLong(rest[13]),
                Long.parseLong(rest[14]));
    }

    /** The stat of a live process; empty when it has ended (or /proc is not there). */
    public static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
                    StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
