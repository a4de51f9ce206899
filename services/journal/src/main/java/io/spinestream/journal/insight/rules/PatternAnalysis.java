package io.spinestream.journal.insight.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Patterns and triggers (spec, inference 5): which activities, form faults and times of day are
 * followed by higher pain within 48 h than the wearer's baseline.
 *
 * <p>Method. Each pain entry is an observation of the pain level. An entry is <em>exposed</em> to a
 * candidate trigger when a training session with it (its activity, a fault it had, or the time of
 * day it started) started before the entry and ended at most 48 h before it. For every candidate, the
 * intensities of the exposed entries are compared with those of all other entries (the baseline)
 * by a one-sided Mann–Whitney U test ({@link RankTest}: ordinal 0–10 data, small samples, many
 * ties). Candidates are tested only with at least {@link #MIN_EXPOSED_ENTRIES} exposed entries from
 * at least {@link #MIN_EXPOSURE_SESSIONS} sessions and {@link #MIN_BASELINE_ENTRIES} baseline
 * entries, and only when the entries span at least 14 days. The p-values of all tested candidates
 * are adjusted together (Benjamini–Hochberg); a trigger is reported when its q-value is at most
 * {@link #FALSE_DISCOVERY_RATE} and exposed entries are on average at least
 * {@link #MIN_MEAN_DIFFERENCE} point higher. Everything else is silence.
 */
public final class PatternAnalysis {

    /** Exposed entries a candidate needs to be tested. */
    public static final int MIN_EXPOSED_ENTRIES = 5;
    /** Baseline entries a candidate needs to be tested. */
    public static final int MIN_BASELINE_ENTRIES = 5;
    /** Distinct sessions behind the exposed entries (one bad day is not a pattern). */
    public static final int MIN_EXPOSURE_SESSIONS = 3;
    /** Benjamini–Hochberg level of the reported triggers. */
    public static final double FALSE_DISCOVERY_RATE = 0.05;
    /** Smallest difference of mean intensity (0–10 points) worth reporting. */
    public static final double MIN_MEAN_DIFFERENCE = 1.0;

    private PatternAnalysis() {
    }

    public enum Kind { ACTIVITY, FAULT, TIME_OF_DAY }

    /** Local start time buckets. */
    public enum TimeOfDay {
        NIGHT, MORNING, AFTERNOON, EVENING;

        static TimeOfDay of(int hour) {
            if (hour >= 5 && hour < 12) {
                return MORNING;
            }
            if (hour >= 12 && hour < 17) {
                return AFTERNOON;
            }
            if (hour >= 17 && hour < 22) {
                return EVENING;
            }
            return NIGHT;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A candidate trigger, e.g. (ACTIVITY, deadlift), (FAULT, ROUNDED_BACK), (TIME_OF_DAY, evening). */
    public record Trigger(Kind kind, String value) {
        public String label() {
            return switch (kind) {
                case ACTIVITY -> value.replace('_', ' ');
                case FAULT -> "form fault " + value;
                case TIME_OF_DAY -> "training in the " + value;
            };
        }
    }

    /**
     * A trigger the data supports.
     *
     * @param exposedEntries  pain entries within 48 h after it
     * @param baselineEntries the other pain entries
     * @param sessions        sessions with the trigger that were followed by an entry
     * @param exposedMean     mean intensity after it
     * @param baselineMean    mean intensity otherwise
     * @param difference      exposedMean − baselineMean (points)
     * @param rankBiserial    effect size, −1 … +1
     * @param pValue          one-sided Mann–Whitney p
     * @param qValue          Benjamini–Hochberg adjusted p
     */
    public record Finding(Trigger trigger, int exposedEntries, int baselineEntries, int sessions, double exposedMean,
                          double baselineMean, double difference, double rankBiserial, double pValue, double qValue) {

        public String summary() {
            return String.format(Locale.ROOT, "pain within 48 h after %s averaged %.1f vs %.1f otherwise"
                            + " (+%.1f points, rank-biserial r = %.2f; %d entries after %d sessions vs %d other entries;"
                            + " q = %.3f)", trigger.label(), exposedMean, baselineMean, difference, rankBiserial,
                    exposedEntries, sessions, baselineEntries, qValue);
        }
    }

    /** Why there is nothing to report, or {@link #ANALYSED}. */
    public enum Status {
        /** The entries span fewer than 14 days. */
        TOO_SHORT,
        /** No candidate had enough observations to be tested. */
        TOO_FEW_OBSERVATIONS,
        ANALYSED
    }

    /**
     * @param status      whether the analysis could run
     * @param spanDays    days from the first to the last entry, both included
     * @param entries     pain entries considered
     * @param tested      candidates tested
     * @param findings    supported triggers, largest difference first; empty when none
     */
    public record Report(Status status, int spanDays, int entries, int tested, List<Finding> findings) {
    }

    /**
     * @param entries  the period's pain entries
     * @param sessions the period's training sessions, and those of the 48 h before it
     */
    public static Report analyse(List<PainObservation> entries, List<TrainingSession> sessions, ZoneId zone) {
        if (entries.isEmpty()) {
            return new Report(Status.TOO_SHORT, 0, 0, 0, List.of());
        }
        LocalDate first = entries.stream().map(e -> e.at().atZone(zone).toLocalDate()).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = entries.stream().map(e -> e.at().atZone(zone).toLocalDate()).max(Comparator.naturalOrder()).orElseThrow();
        int span = PainDays.span(first, last);
        if (span < ClinicalRules.PATTERN_MIN_DAYS) {
            return new Report(Status.TOO_SHORT, span, entries.size(), 0, List.of());
        }

        // For each entry, the triggers (and the sessions carrying them) it followed.
        List<Map<Trigger, Set<String>>> exposures = new ArrayList<>();
        Set<Trigger> candidates = new LinkedHashSet<>();
        for (PainObservation entry : entries) {
            Map<Trigger, Set<String>> exposed = new LinkedHashMap<>();
            for (TrainingSession session : sessions) {
                if (session.isTraining() && precedes(session, entry.at())) {
                    for (Trigger trigger : triggersOf(session, zone)) {
                        exposed.computeIfAbsent(trigger, t -> new LinkedHashSet<>()).add(session.id());
                        candidates.add(trigger);
                    }
                }
            }
            exposures.add(exposed);
        }

        List<Finding> tested = new ArrayList<>();
        for (Trigger trigger : candidates) {
            List<Double> after = new ArrayList<>();
            List<Double> otherwise = new ArrayList<>();
            Set<String> behind = new LinkedHashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                Set<String> ids = exposures.get(i).get(trigger);
                if (ids != null) {
                    after.add((double) entries.get(i).intensity());
                    behind.addAll(ids);
                } else {
                    otherwise.add((double) entries.get(i).intensity());
                }
            }
            if (after.size() < MIN_EXPOSED_ENTRIES || otherwise.size() < MIN_BASELINE_ENTRIES
                    || behind.size() < MIN_EXPOSURE_SESSIONS) {
                continue;
            }
            double[] x = after.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = otherwise.stream().mapToDouble(Double::doubleValue).toArray();
            RankTest.Result result = RankTest.greater(x, y);
            double meanAfter = mean(x);
            double meanOtherwise = mean(y);
            tested.add(new Finding(trigger, x.length, y.length, behind.size(), meanAfter, meanOtherwise,
                    meanAfter - meanOtherwise, result.rankBiserial(), result.pValue(), Double.NaN));
        }
        if (tested.isEmpty()) {
            return new Report(Status.TOO_FEW_OBSERVATIONS, span, entries.size(), 0, List.of());
        }
        double[] q = FalseDiscovery.qValues(tested.stream().mapToDouble(Finding::pValue).toArray());
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < tested.size(); i++) {
            Finding f = tested.get(i);
            if (q[i] <= FALSE_DISCOVERY_RATE && f.difference() >= MIN_MEAN_DIFFERENCE) {
                findings.add(new Finding(f.trigger(), f.exposedEntries(), f.baselineEntries(), f.sessions(),
                        f.exposedMean(), f.baselineMean(), f.difference(), f.rankBiserial(), f.pValue(), q[i]));
            }
        }
        findings.sort(Comparator.comparingDouble(Finding::difference).reversed()
                .thenComparing(f -> f.trigger().kind()).thenComparing(f -> f.trigger().value()));
        return new Report(Status.ANALYSED, span, entries.size(), tested.size(), List.copyOf(findings));
    }

    /** The session started before the entry and ended at most 48 h before it (or is still going on). */
    static boolean precedes(TrainingSession session, Instant entryAt) {
        return session.start().isBefore(entryAt)
                && !session.end().isBefore(entryAt.minus(ClinicalRules.PATTERN_WINDOW));
    }

    static List<Trigger> triggersOf(TrainingSession session, ZoneId zone) {
        List<Trigger> triggers = new ArrayList<>();
        triggers.add(new Trigger(Kind.ACTIVITY, session.activity()));
        session.faults().entrySet().stream().filter(e -> e.getValue() != null && e.getValue() > 0)
                .map(Map.Entry::getKey).sorted()
                .forEach(code -> triggers.add(new Trigger(Kind.FAULT, code)));
        triggers.add(new Trigger(Kind.TIME_OF_DAY, TimeOfDay.of(session.start().atZone(zone).getHour()).code()));
        return triggers;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
