package io.spinestream.analysis.core;

/** What {@link BeltAnalyzer#analyze} did with a batch (for metrics and logs). */
public enum BatchOutcome {
    /** Analysed in order. */
    ANALYZED,
    /** Its seq is below the highest seen for the belt: analysed apart, alerts flagged {@code late}. */
    LATE,
    /** This {@code (beltId, seq)} was already analysed: ignored. */
    DUPLICATE,
    /** Not analysable (another belt's batch, no samples, rate out of range, no start): ignored. */
    REJECTED
}
