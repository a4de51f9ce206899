package io.spinestream.analysis.archive;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import io.spinestream.analysis.session.AnalysisStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The raw telemetry archive in MongoDB: one document per batch ({@link ArchivedBatch}), indexed by
 * belt and time and by wearer and time. Reads return batches in arrival order (receipt time, then
 * topic offset), the order the live analyzer saw them in, so a replay raises what live raised.
 */
@ApplicationScoped
public class TelemetryArchive {

    static final String COLLECTION = "telemetry";

    @Inject
    ReactiveMongoClient reactive;

    @Inject
    MongoClient blocking;

    @Inject
    AnalysisStoreConfig config;

    private ReactiveMongoCollection<Document> archive() {
        return reactive.getDatabase(config.database()).getCollection(COLLECTION);
    }

    private MongoCollection<Document> archiveBlocking() {
        return blocking.getDatabase(config.database()).getCollection(COLLECTION);
    }

    /** Keeps these batches; one already archived ({@code beltId/seq}) is left as it is. */
    public Uni<Void> store(List<Document> batches) {
        if (batches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(batches.size());
        for (Document doc : batches) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", doc.get("_id")), Updates.setOnInsert(doc),
                    new UpdateOptions().upsert(true)));
        }
        return archive().bulkWrite(writes, new BulkWriteOptions().ordered(false)).replaceWithVoid();
    }

    /** Deletes the batches received before {@code cutoff}; returns how many. */
    public Uni<Long> deleteReceivedBefore(Instant cutoff) {
        return archive().deleteMany(Filters.lt(ArchivedBatch.RECEIVED_AT, Date.from(cutoff)))
                .map(result -> result.getDeletedCount());
    }

    /**
     * Deletes the batches attributed to the wearer in the clinic, any belt; returns how many. Served by
     * the (clinic, wearer, startedAt) index; batches of an unassigned belt name nobody and stay.
     */
    public Uni<Long> deleteOfWearer(String clinicId, String wearerId) {
        return archive().deleteMany(Filters.and(Filters.eq(ArchivedBatch.CLINIC, clinicId),
                Filters.eq(ArchivedBatch.WEARER, wearerId))).map(r -> r.getDeletedCount());
    }

    /** Whether the clinic has any archived batch of the belt (optionally: of that wearer). */
    public boolean hasBelt(String clinicId, String beltId, String wearerId) {
        return archiveBlocking().find(ofBelt(clinicId, beltId, wearerId)).limit(1).first() != null;
    }

    /**
     * The belt's batches of the clinic (and of {@code wearerId} when not null) that started in
     * [from, to), in arrival order. Blocking: iterate on a worker thread.
     */
    public FindIterable<Document> ofBelt(String clinicId, String beltId, String wearerId, Instant from, Instant to) {
        return archiveBlocking().find(Filters.and(ofBelt(clinicId, beltId, wearerId), startedIn(from, to)))
                .sort(arrivalOrder());
    }

    /** The wearer's batches of the clinic, any belt, that started in [from, to), in arrival order. Blocking. */
    public FindIterable<Document> ofWearer(String clinicId, String wearerId, Instant from, Instant to) {
        return archiveBlocking().find(Filters.and(Filters.eq(ArchivedBatch.CLINIC, clinicId),
                Filters.eq(ArchivedBatch.WEARER, wearerId), startedIn(from, to))).sort(arrivalOrder());
    }

    /** How many batches of the belt are archived (any clinic): for tests and operators. */
    public Uni<Long> countOfBelt(String beltId) {
        return archive().countDocuments(Filters.eq(ArchivedBatch.BELT, beltId));
    }

    public Uni<Void> ensureIndexes() {
        return archive().createIndex(Indexes.ascending(ArchivedBatch.BELT, ArchivedBatch.STARTED_AT))
                .chain(() -> archive().createIndex(Indexes.ascending(ArchivedBatch.CLINIC, ArchivedBatch.WEARER,
                        ArchivedBatch.STARTED_AT)))
                .chain(() -> archive().createIndex(Indexes.ascending(ArchivedBatch.RECEIVED_AT)))
                .replaceWithVoid();
    }

    private static Bson ofBelt(String clinicId, String beltId, String wearerId) {
        Bson belt = Filters.and(Filters.eq(ArchivedBatch.BELT, beltId), Filters.eq(ArchivedBatch.CLINIC, clinicId));
        return wearerId == null ? belt : Filters.and(belt, Filters.eq(ArchivedBatch.WEARER, wearerId));
    }

    private static Bson startedIn(Instant from, Instant to) {
        return Filters.and(Filters.gte(ArchivedBatch.STARTED_AT, Date.from(from)),
                Filters.lt(ArchivedBatch.STARTED_AT, Date.from(to)));
    }

    private static Bson arrivalOrder() {
        return Sorts.ascending(ArchivedBatch.RECEIVED_AT, ArchivedBatch.OFFSET, ArchivedBatch.SEQ);
    }
}
