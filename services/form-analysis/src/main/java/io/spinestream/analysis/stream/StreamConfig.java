package io.spinestream.analysis.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The live analyzer on Kafka Streams. Kafka Streams' own settings (processing guarantee,
 * commit interval, producer linger, state directory) are {@code kafka-streams.*} properties in
 * application.properties; these are the processor's.
 */
@ConfigMapping(prefix = "spinestream.analysis.stream")
public interface StreamConfig {

    /**
     * A belt's open session is closed (and summarised) once no batch of the belt has reached the
     * processor for this long, by the wall clock of the instance. The spec's "2 minutes without data".
     */
    @WithDefault("2m")
    Duration idleTimeout();

    /** How often the idle punctuator looks for sessions to close (wall-clock time). */
    @WithDefault("10s")
    Duration idleCheckInterval();
}
