package io.spinestream.analysis.archive;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.session.AnalysisStoreConfig;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class TelemetryArchiveTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TelemetryArchive archive;

    @Inject
    ArchiveRetention retention;

    @Inject
    MongoClient mongo;

    @Inject
    AnalysisStoreConfig config;

    static List<TelemetryBatch> walk(String belt, int seconds) {
        return RecordingGenerator.belt(belt).rateHz(50).batchSize(50).startAt(Instant.now().minusSeconds(3600))
                .activity("walking").hold(Duration.ofSeconds(seconds), Pose.hinge(5)).batches();
    }

    private List<Document> archived(String belt) {
        return mongo.getDatabase(config.database()).getCollection(TelemetryArchive.COLLECTION)
                .find(Filters.eq("beltId", belt)).sort(Sorts.ascending("seq")).into(new ArrayList<>());
    }

    @Test
    void givenBatchesIncludingARedelivery_whenArchived_thenEachIsStoredOnceAndReadsBackEqual() {
        String belt = Belts.unique("ARC");
        List<IngestedBatch> batches = Belts.ingested(walk(belt, 6), "clinic-archive", "w-" + belt);
        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(batches.subList(0, 5));
            sender.send(batches.get(2));
            sender.send(batches.get(5));
        }
        // The belt's records are archived in partition order: once the last is in, the redelivery was read.
        String last = belt + "/" + batches.get(5).getBatch().getSeq();
        await().atMost(WAIT).until(() -> archived(belt).stream().anyMatch(d -> d.getString("_id").equals(last)));

        List<Document> docs = archived(belt);
        assertThat(docs).hasSize(batches.size());
        assertThat(docs).extracting(d -> d.getString("_id"))
                .containsExactlyElementsOf(batches.stream().map(b -> belt + "/" + b.getBatch().getSeq()).toList());
        for (int i = 0; i < docs.size(); i++) {
            Document doc = docs.get(i);
            assertThat(ArchivedBatch.ingested(doc)).isEqualTo(batches.get(i));
            assertThat(doc.getString("clinicId")).isEqualTo("clinic-archive");
            assertThat(doc.getString("wearerId")).isEqualTo("w-" + belt);
            assertThat(doc.getDate("startedAt").getTime()).isEqualTo(batches.get(i).getBatch().getStartedAtMs());
        }
    }

    @Test
    void givenBatchesOlderThanTheRetention_whenRetentionRuns_thenOnlyThoseAreDeleted() {
        String old = Belts.unique("OLD");
        String recent = Belts.unique("NEW");
        long longAgo = Instant.now().minus(Duration.ofDays(31)).toEpochMilli();
        List<IngestedBatch> oldBatches = Belts.ingested(walk(old, 3), "clinic-archive", null).stream()
                .map(b -> b.toBuilder().setReceivedAtMs(longAgo).build()).toList();
        List<IngestedBatch> recentBatches = Belts.ingested(walk(recent, 3), "clinic-archive", null);
        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(oldBatches);
            sender.sendAll(recentBatches);
        }
        await().atMost(WAIT).until(() -> archived(old).size() == 3 && archived(recent).size() == 3);

        long deleted = retention.purge(Instant.now()).await().atMost(WAIT);

        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(archived(old)).isEmpty();
        assertThat(archived(recent)).hasSize(3);
    }
}
