package io.spinestream.ingest.downlink;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Positions the command consumer whenever it is given partitions (start, restart, rebalance):
 * back to the first command published within the replay window, so that a command published
 * while this instance had no partitions, or before it had joined at all, is read rather than
 * skipped. Reading a command again delivers nothing twice ({@link PendingCommands} remembers its
 * id); what has expired is dropped. Knows which partitions are positioned, for readiness.
 */
@ApplicationScoped
@Default // besides its name for the connector, injectable plainly (readiness)
@Identifier(CommandReplay.NAME)
public class CommandReplay implements KafkaConsumerRebalanceListener {

    /** The name application.properties gives the belt-commands channel's rebalance listener. */
    static final String NAME = "belt-commands-replay";

    private static final Logger LOG = Logger.getLogger(CommandReplay.class);

    private final DownlinkConfig config;
    private final Set<TopicPartition> positioned = ConcurrentHashMap.newKeySet();
    private final AtomicLong assignments = new AtomicLong();

    @Inject
    public CommandReplay(DownlinkConfig config) {
        this.config = config;
    }

    void checkSettings(@Observes StartupEvent event) {
        if (config.replayWindow().compareTo(config.commandExpiry()) < 0) {
            throw new IllegalStateException("spinestream.ingest.downlink.replay-window must be at least the "
                    + "command-expiry, or a command published during a rebalance could be skipped while still live");
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Instant from = Instant.now().minus(config.replayWindow());
        Duration timeout = config.positionTimeout();
        try {
            // The end offsets first: a command appended after this query is at or past them, so it is
            // read even when the lookup by time (next) finds nothing in the window.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(partition -> query.put(partition, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
            long replayed = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                long end = ends.get(partition);
                long offset = start == null ? end : Math.min(start.offset(), end);
                consumer.seek(partition, offset);
                replayed += end - offset;
            }
            LOG.infof("belt commands: %d partitions assigned, reading again the %d records published since %s",
                    partitions.size(), replayed, from);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // Reading too much only costs dropping expired commands; reading too little loses live ones.
            LOG.warnf("belt commands: could not find the replay position of %d partitions (%s); reading them "
                    + "from their beginning", partitions.size(), e.toString());
            consumer.seekToBeginning(partitions);
        }
        positioned.addAll(partitions);
        assignments.incrementAndGet();
    }

    // Also called for lost partitions (the group moved on without this member) and when the consumer closes.
    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        positioned.removeAll(partitions);
    }

    /** The partitions this instance reads commands from, each positioned at its replay window. */
    Set<TopicPartition> positioned() {
        return Set.copyOf(positioned);
    }

    /** Whether this instance reads commands from at least one positioned partition. */
    boolean reading() {
        return !positioned.isEmpty();
    }

    /** How many times partitions were assigned and positioned since the start. */
    long assignments() {
        return assignments.get();
    }
}
