package io.spinestream.analysis.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Session records: the downsampled angle trace a clinician plots. */
@ConfigMapping(prefix = "spinestream.analysis.session")
public interface SessionConfig {

    /** Trace settings. */
    Trace trace();

    interface Trace {
        /**
         * Points per second kept in a session's trace: per interval of 1/rate, the sample with the
         * largest |lumbar flexion|, so the peaks of a rep survive. 5 Hz shows the shape of a 2 s rep.
         */
        @WithDefault("5")
        int rateHz();

        /** A session's trace is thinned (by the same rule) to at most this many points when read. */
        @WithDefault("5000")
        int maxPoints();

        /**
         * Batches waiting to be written to traces. When MongoDB cannot keep up, further batches are
         * left out of their trace (counted), never held up on the haptic path.
         */
        @WithDefault("10000")
        int queueCapacity();
    }
}
