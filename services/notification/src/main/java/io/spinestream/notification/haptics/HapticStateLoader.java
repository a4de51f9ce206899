package io.spinestream.notification.haptics;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.spinestream.events.payload.BeltCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the haptic rules across instances. The alerts topic is keyed by belt, so one instance
 * routes a belt's alerts at a time. When partitions are assigned (start, restart, scale-out),
 * this seeds the policy with the commands issued within its window, before any alert of the new
 * partitions is routed; when partitions are revoked, it flushes this instance's commands first,
 * so the next owner reads them.
 */
@ApplicationScoped
@Identifier(HapticStateLoader.NAME)
public class HapticStateLoader implements KafkaConsumerRebalanceListener {

    static final String NAME = "haptic-alerts-rebalance";
    private static final Logger LOG = Logger.getLogger(HapticStateLoader.class);

    @Inject
    HapticRouter router;

    @Inject
    CommandLog log;

    @Inject
    KafkaClientService kafka;

    @Inject
    HapticsConfig config;

    @Inject
    InstantSource clock;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        HapticPolicy policy = router.policy();
        Instant from = clock.instant().minus(policy.stateWindow());
        List<BeltCommand> recent = log.since(from, config.stateLoadTimeout());
        recent.forEach(c -> policy.remember(c.beltId(), c.code(), c.alertId(), c.issuedAt()));
        LOG.debugf("haptic state seeded with %d recent commands for %d partitions", recent.size(), partitions.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try {
            kafka.getProducer(HapticRouter.COMMANDS).flush().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("could not flush belt commands before a rebalance: %s", e.getMessage());
        }
    }
}
