package io.spinestream.analysis.session;

import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One session with its reps and its angle trace.
 *
 * @param reps                repetitions counted (every rep, also beyond the itemised ones)
 * @param repMetrics          per-rep metrics of the first 128 reps of the session
 * @param repMetricsTruncated whether the session had more reps than {@code repMetrics} lists (the
 *                            later ones are counted in {@code reps} and scored, not itemised)
 * @param trace               lumbar angles from the wearer's neutral over the session, downsampled for plotting
 */
public record SessionDetail(String id, String clinicId, String beltId, String wearerId, String activity,
                            Instant startedAt, Instant endedAt, Integer reps, Double holdSeconds,
                            Double timeUnderLoadSeconds, Integer impacts, Integer formScore,
                            Map<String, Integer> faults, List<Rep> repMetrics, boolean repMetricsTruncated,
                            Trace trace) {

    /** One rep: when, how long, its peaks (degrees from neutral) and the faults during it. */
    public record Rep(int index, Instant startedAt, Instant endedAt, double durationSeconds, double peakFlexionDeg,
                      double peakExtensionDeg, double peakRotationDeg, List<String> faults) {
    }

    /**
     * Parallel arrays, one entry per point: {@code at} (RFC 3339), and lumbar flexion (+ rounding),
     * side-bend (+ right), rotation (+ trunk right of pelvis) and hip hinge, degrees from neutral.
     */
    public record Trace(List<Instant> at, List<Double> flexionDeg, List<Double> sideBendDeg,
                        List<Double> rotationDeg, List<Double> hipHingeDeg) {

        static Trace of(TraceChunk points) {
            return new Trace(points.at().stream().map(Instant::ofEpochMilli).toList(), points.flexion(),
                    points.sideBend(), points.rotation(), points.hipHinge());
        }
    }

    static SessionDetail of(Document doc, TraceChunk trace) {
        SessionView v = SessionView.of(doc);
        List<Rep> reps = doc.getList("repMetrics", Document.class, List.of()).stream()
                .map(r -> new Rep(r.getInteger("index"), SessionView.instant(r.getDate("startedAt")),
                        SessionView.instant(r.getDate("endedAt")), SessionView.number(r, "durationSeconds"),
                        SessionView.number(r, "peakFlexionDeg"), SessionView.number(r, "peakExtensionDeg"),
                        SessionView.number(r, "peakRotationDeg"), r.getList("faults", String.class, List.of())))
                .toList();
        return new SessionDetail(v.id(), v.clinicId(), v.beltId(), v.wearerId(), v.activity(), v.startedAt(),
                v.endedAt(), v.reps(), v.holdSeconds(), v.timeUnderLoadSeconds(), v.impacts(), v.formScore(),
                v.faults(), reps, SessionStore.repMetricsTruncated(v.reps(), reps.size()), Trace.of(trace));
    }
}
