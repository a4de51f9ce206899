package io.spinestream.analysis.stream;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BatchOutcome;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.EventSink;
import io.spinestream.analysis.core.Neutral;
import io.spinestream.analysis.core.PayloadMapper;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live form analyzer: one {@link BeltAnalyzer} per belt, its state in a persistent
 * (RocksDB, changelog-backed) store, restored for every batch and written back after it. Alerts
 * and summaries are forwarded to their sink topics the moment the analyzer raises them, from
 * inside {@link BeltAnalyzer#analyze}, so a fault reaches the producer before the rest of its
 * batch is even looked at; nothing passes through a cached table.
 *
 * <p>Idle sessions are closed by a wall-clock punctuator: stream time only advances with new
 * records of the same task, so a belt that stops on a quiet partition would never be summarised,
 * and belt sample time cannot be compared with any clock of ours (skewed belts, relayed or
 * replayed batches). A session is idle once no batch of its belt has reached this processor for
 * {@link StreamConfig#idleTimeout()}.
 */
final class BeltAnalysisProcessor implements Processor<String, IngestedBatch, String, Event<?>> {

    private static final Logger LOG = Logger.getLogger(BeltAnalysisProcessor.class);

    private final StreamConfig config;
    private final StoredCalibrations calibrations;
    private final SessionTraces traces;
    private final AnalysisMetrics metrics;
    private final ErasedWearerCheck erased;
    /** How many of the erased wearers learnt by this instance the belt states of this task were swept for. */
    private int sweptErasures;

    private ProcessorContext<String, Event<?>> context;
    private KeyValueStore<String, byte[]> analyzers;
    private KeyValueStore<String, Event<WearerProfile>> profiles;
    /** Belts of this task with an open session → wall-clock millis when their last batch was processed. */
    private final Map<String, Long> openSessions = new HashMap<>();

    BeltAnalysisProcessor(StreamConfig config, StoredCalibrations calibrations, SessionTraces traces,
                          AnalysisMetrics metrics, ErasedWearerCheck erased) {
        this.config = config;
        this.erased = erased;
        this.calibrations = calibrations;
        this.traces = traces;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Event<?>> context) {
        this.context = context;
        this.analyzers = context.getStateStore(AnalysisTopology.ANALYZER_STORE);
        this.profiles = context.getStateStore(AnalysisTopology.PROFILE_STORE);
        // Belts that arrive with this task (start, restart, rebalance) get a whole idle timeout
        // from now: their last arrival happened on another instance or before the restart.
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, byte[]> all = analyzers.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (BeltAnalyzer.restore(entry.value).sessionOpen()) {
                    openSessions.put(entry.key, now);
                }
            }
        }
        context.schedule(config.idleCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::closeIdleSessions);
    }

    @Override
    public void process(Record<String, IngestedBatch> record) {
        IngestedBatch ingested = record.value();
        if (ingested == null) {
            return;
        }
        long started = System.nanoTime();
        TelemetryBatch batch = ingested.getBatch();
        String beltId = batch.getBeltId();
        String clinicId = ingested.getClinicId();
        if (beltId.isEmpty() || clinicId.isEmpty()) {
            // Ingest attributes every batch; an event without a tenant could not be published.
            metrics.batch(BatchOutcome.REJECTED);
            LOG.warnf("batch without belt or clinic skipped (belt '%s', seq %d)", beltId, batch.getSeq());
            return;
        }
        String wearerId = ingested.getWearerId().isEmpty() ? null : ingested.getWearerId();
        if (erased.erased(clinicId, wearerId)) {
            // Published before the erasure (a replay, a lagging partition): nothing of it is analysed.
            metrics.erasedWearerBatch();
            return;
        }
        byte[] state = analyzers.get(beltId);
        BeltAnalyzer analyzer = state == null ? new BeltAnalyzer(beltId) : BeltAnalyzer.restore(state);
        if (state != null && erased.erased(analyzer.clinicId(), analyzer.wearerId())) {
            // The belt's last wearer was erased before the sweep reached it: their open session is
            // dropped unsummarised, with everything else the state held of them.
            analyzer = new BeltAnalyzer(beltId);
            analyzers.delete(beltId);
            openSessions.remove(beltId);
            metrics.erasedWearerState();
        }
        BatchContext ctx = BatchContext.of(clinicId, wearerId, profileOf(clinicId, wearerId));
        // A calibration made on another belt (or before this belt's state existed) applies when it is
        // newer than what the belt holds for the wearer; the analyzer decides.
        Neutral stored = wearerId == null ? null : calibrations.latest(clinicId, wearerId);
        if (stored != null) {
            ctx = ctx.withCalibration(stored);
        }
        long timestamp = record.timestamp();
        EventSink sink = event -> forward(event, timestamp);
        BatchOutcome outcome;
        try {
            outcome = analyzer.analyze(batch, ctx, sink);
        } catch (RuntimeException e) {
            // One batch the analyzer cannot take must not stop every belt of the partition. The
            // stored state is untouched (the analyzer was restored for this batch only).
            metrics.failed();
            LOG.errorf(e, "analysis of belt %s seq %d failed; batch skipped", beltId, batch.getSeq());
            return;
        }
        if (outcome == BatchOutcome.ANALYZED || outcome == BatchOutcome.LATE) {
            analyzers.put(beltId, analyzer.snapshot());
        }
        if (analyzer.sessionOpen()) {
            openSessions.put(beltId, context.currentSystemTimeMs());
        } else {
            openSessions.remove(beltId);
        }
        metrics.batch(outcome);
        metrics.processed(System.nanoTime() - started, context.currentSystemTimeMs() - timestamp);
        if (outcome == BatchOutcome.ANALYZED) {
            traces.record(clinicId, wearerId, analyzer.sessionId(), analyzer.neutral(), batch);
        }
    }

    private WearerProfile profileOf(String clinicId, String wearerId) {
        if (wearerId == null) {
            return null;
        }
        Event<WearerProfile> event = profiles.get(wearerId);
        if (event == null) {
            return null;
        }
        // Tenants never mix: a profile of another clinic is no profile of this wearer.
        return clinicId.equals(event.clinicId()) ? event.data() : null;
    }

    /**
     * Drops the state of every belt of this task that holds something of a wearer erased since the last
     * sweep (their open session, unsummarised; their neutral). The whole state goes: a fresh belt state
     * is valid, and erasures are rare enough for a pass over the store each.
     */
    private void sweepErasedWearers() {
        int learnt = erased.learntCount();
        if (learnt <= sweptErasures) {
            return;
        }
        List<io.spinestream.analysis.erasure.WearerKey> newlyErased = erased.learntSince(sweptErasures);
        List<String> drop = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = analyzers.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                BeltAnalyzer analyzer = BeltAnalyzer.restore(entry.value);
                for (var key : newlyErased) {
                    if (key.clinicId().equals(analyzer.clinicId()) && analyzer.holds(key.wearerId())) {
                        drop.add(entry.key);
                        break;
                    }
                }
            }
        }
        for (String beltId : drop) {
            analyzers.delete(beltId);
            openSessions.remove(beltId);
            metrics.erasedWearerState();
        }
        sweptErasures = learnt;
    }

    private void closeIdleSessions(long now) {
        sweepErasedWearers();
        long idleMs = config.idleTimeout().toMillis();
        List<String> idle = new ArrayList<>();
        for (Map.Entry<String, Long> entry : openSessions.entrySet()) {
            if (now - entry.getValue() >= idleMs) {
                idle.add(entry.getKey());
            }
        }
        for (String beltId : idle) {
            openSessions.remove(beltId);
            byte[] state = analyzers.get(beltId);
            if (state == null) {
                continue;
            }
            BeltAnalyzer analyzer = BeltAnalyzer.restore(state);
            analyzer.closeSession(event -> forward(event, now));
            analyzers.put(beltId, analyzer.snapshot());
            metrics.idleClosed();
        }
    }

    private void forward(AnalysisEvent event, long timestamp) {
        Object data = event.isSummary() ? PayloadMapper.toSessionSummary(event) : PayloadMapper.toAlert(event);
        Event<?> cloudEvent = Event.of(PayloadMapper.eventType(event), event.id(), EventSources.FORM_ANALYSIS,
                event.beltId(), event.clinicId(), event.at(), data);
        context.forward(new Record<String, Event<?>>(event.beltId(), cloudEvent, timestamp),
                event.isSummary() ? AnalysisTopology.SUMMARIES_SINK : AnalysisTopology.ALERTS_SINK);
        metrics.raised(event);
    }
}
