package io.spinestream.notification.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The live feed of alerts (Server-Sent Events). */
@ConfigMapping(prefix = "spinestream.notification.feed")
public interface FeedConfig {

    /**
     * How often an idle stream carries a comment line, so proxies and load balancers do not close
     * it and a dashboard notices a dead connection.
     */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * Messages buffered for a subscriber that reads slower than alerts arrive. Past it the stream
     * ends; the dashboard reconnects and re-reads the alert list.
     */
    @WithDefault("512")
    int subscriberBuffer();

    /** Delay before the PostgreSQL listener reconnects after losing its connection. */
    @WithDefault("1s")
    Duration reconnectDelay();
}
