package io.spinestream.analysis.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where form-analysis keeps its records in MongoDB. */
@ConfigMapping(prefix = "spinestream.analysis.store")
public interface AnalysisStoreConfig {

    /** The database holding sessions, calibrations and the raw telemetry archive. */
    @WithDefault("spinestream_analysis")
    String database();
}
