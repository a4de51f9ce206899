package io.spinestream.analysis.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import io.spinestream.analysis.erasure.ErasedWearers;
import io.spinestream.analysis.erasure.WearerKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Archives the telemetry topic in MongoDB, off the haptic path: its own consumer group reads the
 * same records as the analyzer, in polls of many batches written with one unordered bulk upsert.
 * Offsets are committed only after MongoDB acknowledged, so a crash or an outage delays the
 * archive but never loses a batch, and a batch read twice is still one document.
 */
@ApplicationScoped
public class TelemetryArchiver {

    private static final Logger LOG = Logger.getLogger(TelemetryArchiver.class);

    private final TelemetryArchive archive;
    private final ErasedWearers erased;
    private final Counter archived;
    private final Counter droppedErased;

    @Inject
    public TelemetryArchiver(TelemetryArchive archive, ErasedWearers erased, MeterRegistry registry) {
        this.archive = archive;
        this.erased = erased;
        this.droppedErased = Counter.builder("form_analysis_erased_wearer_records")
                .description("Records of erased wearers not stored (late or replayed data)")
                .tag("kind", "telemetry_batch").register(registry);
        this.archived = Counter.builder("form_analysis_archived_batches")
                .description("Telemetry batches written to the archive (redeliveries included)").register(registry);
    }

    @Incoming("telemetry-archive")
    public Uni<Void> archive(ConsumerRecords<String, IngestedBatch> records) {
        List<Document> docs = new ArrayList<>(records.count());
        for (ConsumerRecord<String, IngestedBatch> record : records) {
            IngestedBatch batch = record.value();
            // Unreadable records arrive as null; ingest never publishes one without belt or clinic.
            if (batch != null && !batch.getBatch().getBeltId().isEmpty() && !batch.getClinicId().isEmpty()) {
                docs.add(ArchivedBatch.toDocument(batch, record.offset(), record.timestamp()));
            }
        }
        Set<WearerKey> wearers = new HashSet<>();
        docs.forEach(d -> wearers.add(wearerOf(d)));
        // Erased wearers' batches are not stored; one erased while this write ran is removed after it.
        return erased.erasedAmong(wearers)
                .chain(gone -> {
                    List<Document> kept = docs.stream().filter(d -> !gone.contains(wearerOf(d))).toList();
                    droppedErased.increment(docs.size() - kept.size());
                    return archive.store(kept)
                            .chain(() -> erased.afterWrite(wearers,
                                    w -> archive.deleteOfWearer(w.clinicId(), w.wearerId())))
                            .invoke(() -> archived.increment(kept.size()));
                })
                .onFailure().invoke(e -> LOG.warnf("archive write of %d batches failed, retrying: %s",
                        docs.size(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }

    private static WearerKey wearerOf(Document doc) {
        return new WearerKey(doc.getString(ArchivedBatch.CLINIC), doc.getString(ArchivedBatch.WEARER));
    }
}
