package io.spinestream.analysis.archive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The raw telemetry archive: one MongoDB document per batch, the basis of recordings and backtests. */
@ConfigMapping(prefix = "spinestream.analysis.archive")
public interface ArchiveConfig {

    /**
     * How long a batch is kept, counted from when ingest received it. Deleted by the retention job
     * (the MongoDB-wire servers this runs against have no TTL indexes).
     */
    @WithDefault("30d")
    Duration retention();

    /** How often the retention job runs. */
    @WithDefault("1h")
    Duration purgeEvery();
}
