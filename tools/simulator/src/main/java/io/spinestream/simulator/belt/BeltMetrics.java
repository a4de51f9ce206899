package io.spinestream.simulator.belt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a fleet of virtual belts measured, shared by all of them (thread-safe): uploads, duplicates,
 * faults injected against haptic commands received, latencies (HdrHistogram, microseconds) and
 * errors by kind.
 */
public final class BeltMetrics {

    /** Why a batch or a stream went wrong, as the summary names it. */
    public static final String RATE_LIMITED = "429 rate limited (retried)";
    public static final String UNAVAILABLE = "503 unavailable (retried)";
    public static final String IN_FLIGHT = "409 in flight elsewhere (retried)";
    public static final String SERVER_ERROR = "5xx server error (retried)";
    public static final String NETWORK = "network error (retried)";
    public static final String TIMEOUT = "timeout (retried)";
    public static final String UNAUTHORIZED = "401 credential refused";
    public static final String DUPLICATE_NOT_RECOGNISED = "re-sent batch acknowledged as new";
    public static final String STREAM_DROPPED = "command stream dropped (reconnected)";
    public static final String STREAM_REFUSED = "command stream refused";
    public static final String UNSENT_AT_STOP = "batches still queued at the end";
    public static final String BUFFER_FULL = "batches dropped: 10 min of backlog on the belt";

    final LongAdder batchesAccepted = new LongAdder();
    final LongAdder samplesAccepted = new LongAdder();
    final LongAdder bytesAccepted = new LongAdder();
    final LongAdder duplicatesSent = new LongAdder();
    final LongAdder duplicatesAcknowledged = new LongAdder();
    final LongAdder commandsOnStream = new LongAdder();
    final LongAdder commandsPolled = new LongAdder();
    final LongAdder commandsUnattributed = new LongAdder();
    final LongAdder repetitions = new LongAdder();
    final LongAdder streamsConnected = new LongAdder();
    final AtomicInteger maxBacklog = new AtomicInteger();

    private final ConcurrentMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> injected = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> matched = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> missing = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> unexpected = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> advisories = new ConcurrentHashMap<>();

    /** Upload sent → acknowledged, µs. */
    final Histogram uploadLatency = new ConcurrentHistogram(3);
    /** The batch that completed a fault sent → its command received, µs. */
    final Histogram hapticLatency = new ConcurrentHistogram(3);

    void error(String kind) {
        count(errors, kind);
    }

    void injected(String code) {
        count(injected, code);
    }

    void matched(String code) {
        count(matched, code);
    }

    void missing(String code) {
        count(missing, code);
    }

    void unexpected(String code) {
        count(unexpected, code);
    }

    void advisory(String code) {
        count(advisories, code);
    }

    /** Repetitions the wearers did (counted at the end of a run). */
    public void addRepetitions(long n) {
        repetitions.add(n);
    }

    void backlog(int size) {
        maxBacklog.accumulateAndGet(size, Math::max);
    }

    private static void count(ConcurrentMap<String, LongAdder> map, String key) {
        map.computeIfAbsent(key == null ? "?" : key, k -> new LongAdder()).increment();
    }

    /** A consistent-enough copy for a report (counters are read one by one while belts run). */
    public Snapshot snapshot() {
        Histogram upload = uploadLatency.copy();
        Histogram haptic = hapticLatency.copy();
        return new Snapshot(batchesAccepted.sum(), samplesAccepted.sum(), bytesAccepted.sum(), duplicatesSent.sum(),
                duplicatesAcknowledged.sum(), commandsOnStream.sum(), commandsPolled.sum(), commandsUnattributed.sum(),
                repetitions.sum(), streamsConnected.sum(), maxBacklog.get(), sums(errors), sums(injected),
                sums(matched), sums(missing), sums(unexpected), sums(advisories), upload, haptic);
    }

    private static Map<String, Long> sums(ConcurrentMap<String, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The figures at one moment. Latencies in µs. */
    public record Snapshot(long batchesAccepted, long samplesAccepted, long bytesAccepted, long duplicatesSent,
                           long duplicatesAcknowledged, long commandsOnStream, long commandsPolled,
                           long commandsUnattributed, long repetitions, long streamsConnected, int maxBacklog,
                           Map<String, Long> errors, Map<String, Long> injected, Map<String, Long> matched,
                           Map<String, Long> missing, Map<String, Long> unexpected, Map<String, Long> advisories,
                           Histogram uploadLatency, Histogram hapticLatency) {

        public long injectedTotal() {
            return total(injected);
        }

        public long matchedTotal() {
            return total(matched);
        }

        public long missingTotal() {
            return total(missing);
        }

        public long unexpectedTotal() {
            return total(unexpected);
        }

        public long advisoriesTotal() {
            return total(advisories);
        }

        public long commandsTotal() {
            return commandsOnStream + commandsPolled;
        }

        public long errorsTotal() {
            return total(errors);
        }

        private static long total(Map<String, Long> m) {
            return m.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
