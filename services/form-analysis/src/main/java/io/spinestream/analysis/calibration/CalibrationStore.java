package io.spinestream.analysis.calibration;

import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.FindOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import io.spinestream.analysis.session.AnalysisStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Calibrations per wearer in MongoDB, with their history; every query is within one clinic. */
@ApplicationScoped
public class CalibrationStore {

    static final String COLLECTION = "calibrations";

    @Inject
    ReactiveMongoClient mongo;

    @Inject
    AnalysisStoreConfig config;

    ReactiveMongoCollection<Document> calibrations() {
        return mongo.getDatabase(config.database()).getCollection(COLLECTION);
    }

    /** Keeps a calibration; the same one again (a redelivered advisory) changes nothing. */
    public Uni<Void> record(Calibration calibration) {
        return calibrations().updateOne(Filters.eq("_id", calibration.id()),
                Updates.setOnInsert(calibration.toDocument()), new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    /** The wearer's latest calibration in the clinic, or null. */
    public Uni<Calibration> latest(String clinicId, String wearerId) {
        return calibrations().find(ofWearer(clinicId, wearerId),
                        new FindOptions().sort(Sorts.descending(Calibration.AT, "_id")).limit(1))
                .collect().first().map(d -> d == null ? null : Calibration.of(d));
    }

    /** The wearer's calibrations made before {@code before} (all when null), newest first, at most {@code limit}. */
    public Uni<List<Calibration>> history(String clinicId, String wearerId, Instant before, int limit) {
        Bson filter = before == null ? ofWearer(clinicId, wearerId)
                : Filters.and(ofWearer(clinicId, wearerId), Filters.lt(Calibration.AT, Date.from(before)));
        return calibrations().find(filter, new FindOptions().sort(Sorts.descending(Calibration.AT, "_id")).limit(limit))
                .map(Calibration::of).collect().asList();
    }

    /** Deletes every calibration of the wearer in the clinic (their whole history); returns how many. */
    public Uni<Long> deleteOfWearer(String clinicId, String wearerId) {
        return calibrations().deleteMany(ofWearer(clinicId, wearerId)).map(r -> r.getDeletedCount());
    }

    public Uni<Void> ensureIndexes() {
        return calibrations().createIndex(Indexes.compoundIndex(Indexes.ascending(Calibration.CLINIC, Calibration.WEARER),
                Indexes.descending(Calibration.AT))).replaceWithVoid();
    }

    private static Bson ofWearer(String clinicId, String wearerId) {
        return Filters.and(Filters.eq(Calibration.CLINIC, clinicId), Filters.eq(Calibration.WEARER, wearerId));
    }
}
