package io.spinestream.events.topic;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Kafka topic of the contract: its name, record types, what the key is, who writes and
 * reads it, and how the broker keeps it.
 *
 * @param name          topic name, versioned ({@code .v1}); a breaking change is a new topic
 * @param keyType       Java type of the record key (always {@code String} today)
 * @param valueType     Java type of the record value
 * @param key           what the key is, e.g. {@code "beltId"}: records of one key are ordered
 * @param partitions    partition count at creation
 * @param cleanupPolicy delete (retention) or compact (latest per key)
 * @param retention     how long records are kept; {@code null} for compacted topics
 * @param producer      the service(s) that write it
 * @param consumers     the services that read it (may be empty: external only)
 * @param description   one sentence for humans
 */
public record TopicSpec<K, V>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        String key,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        String producer,
        List<String> consumers,
        String description) {

    // Retention only deletes closed segments: with Kafka's default 7-day segment.ms a 1-day
    // topic would keep records for up to 8 days, and compaction would never touch a quiet
    // topic's active segment. Rolling at most daily keeps both close to what is declared.
    private static final Duration MAX_SEGMENT = Duration.ofDays(1);

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(producer, "producer");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be >= 1");
        }
        if (cleanupPolicy == CleanupPolicy.COMPACT && retention != null) {
            throw new IllegalArgumentException(name + ": a compacted topic has no retention");
        }
        if (cleanupPolicy == CleanupPolicy.DELETE
                && (retention == null || retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException(name + ": a delete topic needs a positive retention");
        }
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        description = description == null ? "" : description;
    }

    /**
     * Topic-level configs to create the topic with: {@code cleanup.policy}, {@code retention.ms}
     * (delete topics) and {@code segment.ms} (at most a day, and at most the retention).
     */
    public Map<String, String> topicConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("cleanup.policy", cleanupPolicy.kafkaValue());
        Duration segment = MAX_SEGMENT;
        if (cleanupPolicy == CleanupPolicy.DELETE) {
            config.put("retention.ms", Long.toString(retention.toMillis()));
            if (retention.compareTo(segment) < 0) {
                segment = retention;
            }
        }
        config.put("segment.ms", Long.toString(segment.toMillis()));
        return Collections.unmodifiableMap(config);
    }
}
