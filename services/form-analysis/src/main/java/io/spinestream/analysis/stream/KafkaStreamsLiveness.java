package io.spinestream.analysis.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the live analyzer: DOWN only once Kafka Streams has failed for good (its threads
 * died), which only a restart repairs. It replaces the extension's state check, which also
 * reports DOWN while the pipeline is still starting (waiting for topics, first rebalance) and so
 * would have a fresh instance restarted; readiness keeps the extension's topics check.
 */
@Liveness
@ApplicationScoped
public class KafkaStreamsLiveness implements HealthCheck {

    static final String NAME = "Kafka Streams state";

    @Inject
    KafkaStreams streams;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
        return HealthCheckResponse.named(NAME).status(!failed).withData("state", state.name()).build();
    }
}
