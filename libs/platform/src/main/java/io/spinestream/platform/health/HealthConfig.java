package io.spinestream.platform.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How readiness probes the service's dependencies. */
@ConfigMapping(prefix = "spinestream.health")
public interface HealthConfig {

    /** Kafka broker probe. */
    Kafka kafka();

    interface Kafka {
        /**
         * How long the broker may take to answer before readiness reports DOWN. Kept well under a
         * Kubernetes probe's timeout so the probe gets an answer, not a hang.
         */
        @WithDefault("3s")
        Duration timeout();
    }
}
