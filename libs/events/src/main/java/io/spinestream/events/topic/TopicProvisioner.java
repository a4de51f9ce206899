package io.spinestream.events.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the contract's topics where they are missing. Safe to call from every service at
 * startup, concurrently: a topic that exists (or that another service creates at the same
 * moment) is left as it is. Existing topics are never altered; changing partitions or configs
 * of a live topic is an operator's decision.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * Creates the missing ones of {@code topics} with their partitions and
     * {@link TopicSpec#topicConfig()}.
     *
     * @throws KafkaException when the cluster does not answer within {@code timeout} or refuses
     *                        a creation for another reason than "already exists"
     */
    public static void ensure(Admin admin, Collection<TopicSpec<?, ?>> topics, short replicationFactor,
                              Duration timeout) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<String> existing = admin.listTopics(new ListTopicsOptions().listInternal(false)
                            .timeoutMs(millisLeft(deadline)))
                    .names().get(millisLeft(deadline), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?, ?> spec : topics) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor)
                            .configs(spec.topicConfig()));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            CreateTopicsResult result = admin.createTopics(missing);
            for (Map.Entry<String, KafkaFuture<Void>> created : result.values().entrySet()) {
                try {
                    created.getValue().get(millisLeft(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaException("Could not create topic " + created.getKey(), e.getCause());
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new KafkaException("Could not list topics", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + timeout + " while ensuring topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while ensuring topics", e);
        }
    }

    /** As {@link #ensure(Admin, Collection, short, Duration)}, with an Admin of its own. */
    public static void ensure(String bootstrapServers, Collection<TopicSpec<?, ?>> topics,
                              short replicationFactor, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))) {
            ensure(admin, topics, replicationFactor, timeout);
        }
    }

    private static int millisLeft(long deadlineNanos) throws TimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (left <= 0) {
            throw new TimeoutException();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
