package io.spinestream.notification.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How stored events are relayed to Kafka. */
@ConfigMapping(prefix = "spinestream.notification.outbox")
public interface OutboxConfig {

    /**
     * How often pending events are relayed when no transaction kicked the relay (a relay that
     * failed or an instance that stopped before relaying). Also accepts {@code off}.
     */
    @WithDefault("2s")
    String pollInterval();

    /** How long one publication may wait for the broker before the batch is left for the next pass. */
    @WithDefault("10s")
    Duration publishTimeout();
}
