package io.spinestream.events.topic;

/** Kafka {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    /** Records expire after the topic's retention: streams of things that happened. */
    DELETE("delete"),
    /** Only the latest record per key is kept: current state (profiles, belt status). */
    COMPACT("compact");

    private final String kafkaValue;

    CleanupPolicy(String kafkaValue) {
        this.kafkaValue = kafkaValue;
    }

    /** The value of the Kafka topic config {@code cleanup.policy}. */
    public String kafkaValue() {
        return kafkaValue;
    }
}
