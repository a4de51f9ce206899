package io.spinestream.analysis.config;

import io.spinestream.events.topic.Topics;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * The topic of every Kafka channel of this service, taken from the registry in libs/events so that
 * no topic name is written anywhere else (the Kafka Streams topology uses the registry directly).
 * Registered through {@code META-INF/services}; ordinal 200, below application.properties.
 */
public class ChannelTopics implements ConfigSource {

    /** Raw telemetry into the MongoDB archive. */
    public static final String TELEMETRY_ARCHIVE = "telemetry-archive";
    /** Session summaries into session records. */
    public static final String SESSION_RECORDS = "session-records";
    /** Alerts, of which the CALIBRATED advisories become calibration records. */
    public static final String CALIBRATION_RECORDS = "calibration-records";

    private static final Map<String, String> TOPICS = Map.of(
            topicOf(TELEMETRY_ARCHIVE), Topics.TELEMETRY.name(),
            topicOf(SESSION_RECORDS), Topics.SESSION_SUMMARIES.name(),
            topicOf(CALIBRATION_RECORDS), Topics.ALERTS.name());

    private static String topicOf(String channel) {
        return "mp.messaging.incoming." + channel + ".topic";
    }

    @Override
    public Set<String> getPropertyNames() {
        return TOPICS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return TOPICS.get(propertyName);
    }

    @Override
    public String getName() {
        return "spinestream-channel-topics";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
