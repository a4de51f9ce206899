package io.spinestream.notification.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How alerts are taken in from the alerts topic. */
@ConfigMapping(prefix = "spinestream.notification.intake")
public interface IntakeConfig {

    /**
     * How long handled event ids are remembered. Must exceed the alerts topic's retention (7 days),
     * so that no redelivery can outlive the memory of its id.
     */
    @WithDefault("14d")
    Duration dedupRetention();

    /**
     * Retries of a poll's alerts while the database fails (not when it refuses a value), before the
     * channel fails and health reports it.
     */
    Retry retry();

    interface Retry {
        /** First pause before retrying; doubles up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        /** Retries before giving up (about five minutes with the defaults). */
        @WithDefault("35")
        int maxAttempts();
    }
}
