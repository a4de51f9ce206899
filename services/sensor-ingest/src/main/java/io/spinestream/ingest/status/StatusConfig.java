package io.spinestream.ingest.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How belt status (last seen, battery, firmware, last seq) is kept current. */
@ConfigMapping(prefix = "spinestream.ingest.status")
public interface StatusConfig {

    /**
     * How often the status gathered in memory from uploads is written to the registry (one
     * statement for all belts that changed) and published on the belt-status topic. The registry's
     * {@code lastSeenAt}, {@code battery}, {@code firmware} and {@code lastSeq} lag by at most this.
     */
    @WithDefault("5s")
    Duration flushInterval();
}
