package io.spinestream.bench.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until every consumer group of the platform has caught up: no record on any topic it commits
 * on is left unread. A latency run that starts while form-analysis still works off the backlog of a
 * throughput run measures that backlog, not the path: a belt's new batch queues behind it on its
 * partition. Groups that commit nothing (sensor-ingest's per-instance command readers) are not counted.
 */
final class PlatformSettle {

    /** How far behind the groups were when the wait ended, and how long it took. */
    record Result(long lag, Duration waited, Map<String, Long> lagByGroup) {
        boolean settled() {
            return lag == 0;
        }
    }

    private PlatformSettle() {
    }

    static Result await(String bootstrap, Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, Long> lag = lagByGroup(admin);
            while (total(lag) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                lag = lagByGroup(admin);
            }
            return new Result(total(lag), Duration.ofNanos(System.nanoTime() - t0), lag);
        }
    }

    static long total(Map<String, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    static Map<String, Long> lagByGroup(Admin admin) throws Exception {
        List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId).sorted().toList();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            offsets.values().removeIf(o -> o == null);
            if (!offsets.isEmpty()) {
                committed.put(group, offsets);
                offsets.keySet().stream().filter(p -> !partitions.contains(p)).forEach(partitions::add);
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = partitions.isEmpty() ? Map.of()
                : admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all().get(10, TimeUnit.SECONDS);
        Map<String, Long> lag = new java.util.TreeMap<>();
        committed.forEach((group, offsets) -> lag.put(group, lag(offsets, ends)));
        return lag;
    }

    static long lag(Map<TopicPartition, OffsetAndMetadata> committed,
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends) {
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            ListOffsetsResult.ListOffsetsResultInfo end = ends.get(e.getKey());
            if (end != null) {
                lag += Math.max(0, end.offset() - e.getValue().offset());
            }
        }
        return lag;
    }
}
