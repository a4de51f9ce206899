package io.spinestream.analysis.backtest;

import io.spinestream.analysis.core.EffectiveLimits;
import io.spinestream.events.payload.Limits;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the proposed profile would have raised, beside what was raised live, in fault episodes.
 *
 * @param effectiveLimits the limits the replay applied (defaults, conditions, then the proposed limits)
 * @param batches         archived batches replayed
 * @param faults          per fault code: episodes raised live ({@code actual}, from the session records)
 *                        and in the replay ({@code proposed})
 * @param sessions        per session, in start order: {@code actual} is null for a session without
 *                        a record (still open, or begun before the period), {@code proposed} null for
 *                        one the replay did not form (e.g. begun before the period)
 */
public record BacktestReport(String wearerId, Instant from, Instant to, List<String> conditions, Limits limits,
                             EffectiveLimits effectiveLimits, int batches, List<CodeComparison> faults,
                             List<SessionComparison> sessions) {

    /** Episodes of one fault code over the period. */
    public record CodeComparison(String code, int actual, int proposed, int difference) {
    }

    /** Episodes per fault code of one session. */
    public record SessionComparison(String sessionId, String beltId, String activity, Instant startedAt,
                                    Instant endedAt, Map<String, Integer> actual, Map<String, Integer> proposed) {
    }
}
