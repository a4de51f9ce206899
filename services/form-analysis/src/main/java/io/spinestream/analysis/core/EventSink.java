package io.spinestream.analysis.core;

/**
 * Receives what the analyzer raises, synchronously, in the order raised. Events are rare
 * (a fault episode, a session end); the per-sample path never calls it otherwise.
 */
@FunctionalInterface
public interface EventSink {

    void accept(AnalysisEvent event);
}
