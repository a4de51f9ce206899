package io.spinestream.simulator.motion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides where faults go: each opportunity (a rep, a set, a hold, a stretch of running, a spell
 * of sitting) carries one with probability {@code rate}, if the spacing allows it. Faults of one
 * code are kept {@link #SAME_CODE_GAP_US} apart, so that each gets its own haptic command (the
 * platform sends at most one per code and belt every 2 s); impact faults are kept
 * {@link #IMPACT_GAP_US} apart and out of the first 70 s of a run, because the impact rule looks
 * back 60 s, across sessions and runs.
 */
final class FaultPlan {

    static final long SAME_CODE_GAP_US = 6_000_000L;
    static final long ANY_CODE_GAP_US = 1_500_000L;
    static final long IMPACT_GAP_US = 75_000_000L;

    private final double rate;
    private final Map<String, Long> lastEnd = new HashMap<>();
    private long lastAnyEnd = Long.MIN_VALUE / 2;
    private long impactsFrom = IMPACT_GAP_US - 5_000_000L;

    /** Scripted decisions (tests): the n-th opportunity gets the n-th entry (null: none). */
    private final java.util.ArrayDeque<java.util.Optional<String>> script;

    FaultPlan(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("the fault rate must be within [0, 1], was " + rate);
        }
        this.rate = rate;
        this.script = null;
    }

    private FaultPlan(List<String> decisions) {
        this.rate = 0;
        this.script = new java.util.ArrayDeque<>();
        decisions.forEach(d -> script.add(java.util.Optional.ofNullable(d)));
    }

    /** Opportunity n gets {@code decisions[n]} when it is one of its codes (null entries and the rest: none). */
    static FaultPlan scripted(String... decisions) {
        return new FaultPlan(java.util.Arrays.asList(decisions));
    }

    double rate() {
        return rate;
    }

    /**
     * The fault for an opportunity starting at {@code atUs}, or null: by chance, then the first of
     * {@code codes} (tried from a random one on) that the spacing allows.
     */
    String choose(Rng rng, List<String> codes, long atUs) {
        return choose(rng, codes, atUs, 1.0);
    }

    /** As {@link #choose(Rng, List, long)} for an opportunity that gets only {@code share} of the rate. */
    String choose(Rng rng, List<String> codes, long atUs, double share) {
        if (script != null) {
            String code = script.isEmpty() ? null : script.poll().orElse(null);
            return code != null && codes.contains(code) && allows(code, atUs) ? code : null;
        }
        if (codes.isEmpty() || !rng.chance(rate * share)) {
            return null;
        }
        int first = rng.between(0, codes.size() - 1);
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get((first + i) % codes.size());
            if (allows(code, atUs)) {
                return code;
            }
        }
        return null;
    }

    boolean allows(String code, long atUs) {
        if (atUs < lastAnyEnd + ANY_CODE_GAP_US) {
            return false;
        }
        if (code.equals(Codes.HIGH_IMPACT) && atUs < impactsFrom) {
            return false;
        }
        Long last = lastEnd.get(code);
        return last == null || atUs >= last + SAME_CODE_GAP_US;
    }

    void record(InjectedFault fault) {
        lastEnd.merge(fault.code(), fault.endUs(), Math::max);
        lastAnyEnd = Math.max(lastAnyEnd, fault.endUs());
        if (fault.code().equals(Codes.HIGH_IMPACT)) {
            impactsFrom = Math.max(impactsFrom, fault.endUs() + IMPACT_GAP_US);
        }
    }
}
