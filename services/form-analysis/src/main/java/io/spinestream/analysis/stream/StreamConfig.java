package io.spinestream.analysis.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The live analyzer on Kafka Streams. Kafka Streams' own settings (processing guarantee,
 * commit interval, producer linger, state directory) are {@code kafka-streams.*} properties in
 * application.properties; these are the topology's and the processor's.
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

    /** The topics the topology reads and writes. */
    TopicNames topics();

    /**
     * Each topic by its name in the registry ({@code io.spinestream.events.topic.Topics}), mapped
     * explicitly in application.properties like every channel (ChannelTopicsTest checks them
     * against the registry). No defaults: a default would be a topic name written in code, and a
     * missing mapping should stop the service at start rather than read some other topic.
     */
    interface TopicNames {

        /** Ingested telemetry batches, keyed by belt (the registry's {@code TELEMETRY}). */
        String telemetry();

        /** Wearer profiles, compacted, keyed by wearer (the registry's {@code WEARER_PROFILES}). */
        String wearerProfiles();

        /** Fault alerts and advisories, keyed by belt (the registry's {@code ALERTS}). */
        String alerts();

        /** Session summaries, keyed by belt (the registry's {@code SESSION_SUMMARIES}). */
        String sessionSummaries();
    }
}
