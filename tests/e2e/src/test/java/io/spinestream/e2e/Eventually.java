package io.spinestream.e2e;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Bounded polling for what the platform does asynchronously; the bound is generous, never a measurement. */
final class Eventually {

    /** For anything the pipeline does in well under a second on a quiet machine. */
    static final Duration SOON = Duration.ofSeconds(60);
    /** For what waits on a service restarting and its consumer group settling. */
    static final Duration AFTER_RESTART = Duration.ofSeconds(150);

    private Eventually() {
    }

    static ConditionFactory await(String what) {
        return await(what, SOON);
    }

    static ConditionFactory await(String what, Duration atMost) {
        return Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200));
    }
}
