package io.spinestream.analysis.backtest;

import io.spinestream.analysis.archive.ArchivedBatch;
import io.spinestream.analysis.archive.TelemetryArchive;
import io.spinestream.analysis.calibration.Calibration;
import io.spinestream.analysis.calibration.CalibrationStore;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.EventSink;
import io.spinestream.analysis.core.LimitResolver;
import io.spinestream.analysis.session.SessionStore;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays a wearer's archived batches through the analyzer core with a proposed profile, the way
 * the live processor ran them: in arrival order, one {@link BeltAnalyzer} per belt, the wearer's
 * stored calibration in force at each batch, a belt's session closed once the replay's time is
 * 2 minutes past its last sample (as {@code OfflineAnalyzer} does), and every session closed at
 * the end. Then compares the fault episodes per session and per code with the session records of
 * what ran live. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class Backtester {

    @Inject
    TelemetryArchive archive;

    @Inject
    SessionStore sessions;

    @Inject
    CalibrationStore calibrations;

    @Inject
    BacktestConfig config;

    public BacktestReport run(String clinicId, String wearerId, BacktestRequest request) {
        List<String> conditions = request.conditions() == null ? List.of() : List.copyOf(request.conditions());
        Limits limits = request.limits() == null ? Limits.none() : request.limits().toLimits();
        List<Calibration> calibrationHistory = calibrationsBefore(clinicId, wearerId, request.to());

        Map<String, BeltAnalyzer> belts = new LinkedHashMap<>();
        Map<String, AnalysisEvent> replayed = new LinkedHashMap<>();
        EventSink sink = event -> {
            if (event.isSummary()) {
                replayed.put(event.sessionId(), event);
            }
        };
        int batches = 0;
        for (Document doc : archive.ofWearer(clinicId, wearerId, request.from(), request.to())) {
            if (++batches > config.maxBatches()) {
                throw ProblemException.invalidField("to", "range", "the period holds more than "
                        + config.maxBatches() + " batches; backtest a shorter one");
            }
            IngestedBatch ingested = ArchivedBatch.ingested(doc);
            TelemetryBatch batch = ingested.getBatch();
            for (BeltAnalyzer other : belts.values()) {
                if (!other.beltId().equals(batch.getBeltId())) {
                    other.closeIfIdle(batch.getStartedAtMs(), sink);
                }
            }
            BatchContext ctx = BatchContext.of(clinicId, wearerId, conditions, limits);
            Calibration calibration = inForceAt(calibrationHistory, Instant.ofEpochMilli(batch.getStartedAtMs()));
            if (calibration != null) {
                ctx = ctx.withCalibration(calibration.neutral());
            }
            belts.computeIfAbsent(batch.getBeltId(), BeltAnalyzer::new).analyze(batch, ctx, sink);
        }
        belts.values().forEach(analyzer -> analyzer.closeSession(sink));

        List<Document> live = sessions.allOfWearer(clinicId, wearerId, request.from(), request.to());
        return report(wearerId, request, conditions, limits, batches, live, replayed);
    }

    private List<Calibration> calibrationsBefore(String clinicId, String wearerId, Instant to) {
        List<Calibration> newestFirst = calibrations.history(clinicId, wearerId, to, 1000)
                .await().atMost(Duration.ofSeconds(30));
        List<Calibration> oldestFirst = new ArrayList<>(newestFirst);
        oldestFirst.sort(Comparator.comparing(Calibration::at));
        return oldestFirst;
    }

    private static Calibration inForceAt(List<Calibration> oldestFirst, Instant at) {
        Calibration found = null;
        for (Calibration c : oldestFirst) {
            if (c.at().isAfter(at)) {
                break;
            }
            found = c;
        }
        return found;
    }

    private static BacktestReport report(String wearerId, BacktestRequest request, List<String> conditions,
                                         Limits limits, int batches, List<Document> live,
                                         Map<String, AnalysisEvent> replayed) {
        Map<String, BacktestReport.SessionComparison> bySession = new LinkedHashMap<>();
        Map<String, Integer> actualTotals = new TreeMap<>();
        Map<String, Integer> proposedTotals = new TreeMap<>();
        for (Document doc : live) {
            Map<String, Integer> faults = faults(doc.get("faults", Document.class));
            faults.forEach((code, n) -> actualTotals.merge(code, n, Integer::sum));
            String id = doc.getString("_id");
            AnalysisEvent replay = replayed.get(id);
            bySession.put(id, new BacktestReport.SessionComparison(id, doc.getString("beltId"),
                    doc.getString("activity"), doc.getDate("startedAt").toInstant(),
                    doc.getDate("endedAt").toInstant(), faults, replay == null ? null : new TreeMap<>(replay.faults())));
        }
        for (AnalysisEvent replay : replayed.values()) {
            replay.faults().forEach((code, n) -> proposedTotals.merge(code, n, Integer::sum));
            bySession.putIfAbsent(replay.sessionId(), new BacktestReport.SessionComparison(replay.sessionId(),
                    replay.beltId(), replay.activity(), replay.startedAt(), replay.endedAt(), null,
                    new TreeMap<>(replay.faults())));
        }
        List<BacktestReport.CodeComparison> codes = new ArrayList<>();
        TreeSet<String> allCodes = new TreeSet<>(actualTotals.keySet());
        allCodes.addAll(proposedTotals.keySet());
        for (String code : allCodes) {
            int actual = actualTotals.getOrDefault(code, 0);
            int proposed = proposedTotals.getOrDefault(code, 0);
            codes.add(new BacktestReport.CodeComparison(code, actual, proposed, proposed - actual));
        }
        List<BacktestReport.SessionComparison> ordered = new ArrayList<>(bySession.values());
        ordered.sort(Comparator.comparing(BacktestReport.SessionComparison::startedAt)
                .thenComparing(BacktestReport.SessionComparison::sessionId));
        return new BacktestReport(wearerId, request.from(), request.to(), conditions, limits,
                LimitResolver.resolve(conditions, limits), batches, codes, ordered);
    }

    private static Map<String, Integer> faults(Document faults) {
        Map<String, Integer> out = new TreeMap<>();
        if (faults != null) {
            faults.forEach((code, n) -> out.put(code, ((Number) n).intValue()));
        }
        return out;
    }
}
