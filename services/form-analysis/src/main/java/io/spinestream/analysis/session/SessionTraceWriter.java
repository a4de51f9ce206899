package io.spinestream.analysis.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.spinestream.analysis.core.Neutral;
import io.spinestream.analysis.stream.SessionTraces;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;
import org.jboss.logging.Logger;

import io.spinestream.analysis.erasure.ErasedWearers;
import io.spinestream.analysis.erasure.WearerKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Builds session traces from the batches the live analyzer hands over, on a thread of its own:
 * the analyzer only enqueues (never waits), this thread downsamples and writes the points in bulk.
 * A trace is best effort: when the queue is full (MongoDB slow or away) a batch is left out of its
 * trace and counted; the batch itself is still analysed and archived. Idempotent per (session, seq).
 */
@ApplicationScoped
public class SessionTraceWriter implements SessionTraces {

    private static final Logger LOG = Logger.getLogger(SessionTraceWriter.class);
    private static final int BULK = 500;
    private static final int ATTEMPTS = 3;
    private static final java.time.Duration ERASED_CHECK_TIMEOUT = java.time.Duration.ofSeconds(10);

    private record Pending(String clinicId, String wearerId, String sessionId, Neutral neutral, TelemetryBatch batch) {
    }

    private final SessionStore sessions;
    private final ErasedWearers erased;
    private final SessionConfig config;
    private final BlockingQueue<Pending> queue;
    private final Counter dropped;
    private final Counter written;
    private volatile boolean running = true;
    private Thread writer;

    @Inject
    public SessionTraceWriter(SessionStore sessions, ErasedWearers erased, SessionConfig config,
                              MeterRegistry registry) {
        this.sessions = sessions;
        this.erased = erased;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.trace().queueCapacity());
        this.dropped = Counter.builder("form_analysis_trace_batches_dropped")
                .description("Batches left out of their session trace (queue full or write failed)").register(registry);
        this.written = Counter.builder("form_analysis_trace_batches_written")
                .description("Batches written to their session trace").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        writer = new Thread(this::run, "session-trace-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(5_000);
        }
    }

    @Override
    public void record(String clinicId, String wearerId, String sessionId, Neutral neutral, TelemetryBatch batch) {
        if (sessionId == null || !queue.offer(new Pending(clinicId, wearerId, sessionId, neutral, batch))) {
            dropped.increment();
        }
    }

    private void run() {
        long bucketMs = Math.max(1, 1000 / Math.max(1, config.trace().rateHz()));
        List<Pending> pending = new ArrayList<>(BULK);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                pending.add(first);
                queue.drainTo(pending, BULK - 1);
                Set<WearerKey> wearers = new HashSet<>();
                pending.forEach(p -> wearers.add(new WearerKey(p.clinicId(), p.wearerId())));
                Set<WearerKey> gone = erased.erasedAmong(wearers).await().atMost(ERASED_CHECK_TIMEOUT);
                List<Document> chunks = new ArrayList<>(pending.size());
                for (Pending p : pending) {
                    if (!gone.contains(new WearerKey(p.clinicId(), p.wearerId()))) {
                        chunks.add(SessionStore.traceDocument(p.clinicId(), p.wearerId(), p.sessionId(),
                                p.batch().getSeq(), TraceChunk.of(p.batch(), p.neutral(), bucketMs)));
                    }
                }
                dropped.increment(pending.size() - chunks.size());
                if (!chunks.isEmpty()) {
                    write(chunks);
                    // a wearer erased while this was written: their points go again
                    for (WearerKey w : erased.erasedAmong(wearers).await().atMost(ERASED_CHECK_TIMEOUT)) {
                        sessions.deleteTracesOfWearerBlocking(w.clinicId(), w.wearerId());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "session trace points of %d batches not built", pending.size());
                dropped.increment(pending.size());
            } finally {
                pending.clear();
            }
        }
    }

    private void write(List<Document> chunks) throws InterruptedException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                sessions.storeTraces(chunks);
                written.increment(chunks.size());
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.warnf("trace points of %d batches not written after %d attempts: %s", chunks.size(),
                            ATTEMPTS, e.toString());
                    dropped.increment(chunks.size());
                    return;
                }
                Thread.sleep(250L * attempt);
            }
        }
    }
}
