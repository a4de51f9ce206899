package io.spinestream.analysis.erasure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Form analysis as an erasure participant (docs/privacy.md). */
@ConfigMapping(prefix = "spinestream.analysis.erasure")
public interface ErasureConfig {

    /**
     * How often each instance reloads the erased wearers from MongoDB for the live analyzer, which
     * cannot query the database per batch. The instance that carries out an erasure knows it at once;
     * the others within this time (the records written from Kafka check MongoDB itself).
     */
    @WithDefault("10s")
    Duration refreshEvery();
}
