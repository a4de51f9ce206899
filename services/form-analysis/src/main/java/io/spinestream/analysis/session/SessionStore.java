package io.spinestream.analysis.session;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.FindOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.RepMetrics;
import io.spinestream.events.payload.SessionSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Session records in MongoDB: one document per closed session (the summary with its per-rep
 * metrics), and its angle trace as one document per analysed batch. Every lookup is within one
 * clinic.
 */
@ApplicationScoped
public class SessionStore {

    static final String COLLECTION = "sessions";
    static final String TRACES = "session_traces";
    static final String CLINIC = "clinicId";
    static final String WEARER = "wearerId";
    static final String STARTED_AT = "startedAt";
    static final String SESSION = "sessionId";

    @Inject
    ReactiveMongoClient mongo;

    @Inject
    MongoClient blocking;

    @Inject
    AnalysisStoreConfig config;

    ReactiveMongoCollection<Document> sessions() {
        return mongo.getDatabase(config.database()).getCollection(COLLECTION);
    }

    ReactiveMongoCollection<Document> traces() {
        return mongo.getDatabase(config.database()).getCollection(TRACES);
    }

    /** The session if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<Document> findInClinic(String clinicId, String sessionId) {
        return sessions().find(Filters.and(Filters.eq("_id", sessionId), Filters.eq(CLINIC, clinicId)))
                .collect().first();
    }

    /** Keeps a session summary as the session's record; the same summary again changes nothing. */
    public Uni<Void> record(Event<SessionSummary> event) {
        SessionSummary s = event.data();
        Document doc = new Document("_id", s.sessionId())
                .append(CLINIC, event.clinicId())
                .append("beltId", s.beltId())
                .append(WEARER, s.wearerId())
                .append("activity", s.activity())
                .append(STARTED_AT, Date.from(s.startedAt()))
                .append("endedAt", Date.from(s.endedAt()))
                .append("reps", s.reps())
                .append("holdSeconds", s.holdSeconds())
                .append("timeUnderLoadSeconds", s.timeUnderLoadSeconds())
                .append("impacts", s.impacts())
                .append("formScore", s.formScore())
                .append("faults", new Document(new TreeMap<String, Object>(s.faults())))
                .append("repMetrics", s.repMetrics().stream().map(SessionStore::rep).toList())
                .append("repMetricsTruncated", repMetricsTruncated(s.reps(), s.repMetrics().size()))
                .append("summaryEventId", event.id());
        return sessions().updateOne(Filters.eq("_id", s.sessionId()), Updates.setOnInsert(doc),
                new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    /**
     * The analyzer itemises the first 128 reps of a session (its state per belt must stay small) and
     * counts every rep; a summary with more reps than entries lists only the first ones.
     */
    static boolean repMetricsTruncated(Integer reps, int listed) {
        return reps != null && reps > listed;
    }

    private static Document rep(RepMetrics r) {
        return new Document("index", r.index())
                .append("startedAt", Date.from(r.startedAt()))
                .append("endedAt", Date.from(r.endedAt()))
                .append("durationSeconds", Duration.between(r.startedAt(), r.endedAt()).toMillis() / 1000.0)
                .append("peakFlexionDeg", r.peakFlexionDeg())
                .append("peakExtensionDeg", r.peakExtensionDeg())
                .append("peakRotationDeg", r.peakRotationDeg())
                .append("faults", r.faults());
    }

    /**
     * A page of the wearer's sessions in the clinic that started in [from, to) (either may be null),
     * newest first, after {@code cursor} (null for the first page).
     */
    public Uni<List<Document>> pageOfWearer(String clinicId, String wearerId, Instant from, Instant to,
                                            SessionCursor cursor, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq(CLINIC, clinicId), Filters.eq(WEARER, wearerId)));
        if (from != null) {
            filters.add(Filters.gte(STARTED_AT, Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lt(STARTED_AT, Date.from(to)));
        }
        if (cursor != null) {
            Date at = Date.from(cursor.startedAt());
            filters.add(Filters.or(Filters.lt(STARTED_AT, at),
                    Filters.and(Filters.eq(STARTED_AT, at), Filters.lt("_id", cursor.id()))));
        }
        return sessions().find(Filters.and(filters),
                        new FindOptions().sort(Sorts.descending(STARTED_AT, "_id")).limit(limit))
                .collect().asList();
    }

    /** Every session of the wearer in the clinic that started in [from, to), oldest first. Blocking. */
    public List<Document> allOfWearer(String clinicId, String wearerId, Instant from, Instant to) {
        return blocking.getDatabase(config.database()).getCollection(COLLECTION)
                .find(Filters.and(Filters.eq(CLINIC, clinicId), Filters.eq(WEARER, wearerId),
                        Filters.gte(STARTED_AT, Date.from(from)), Filters.lt(STARTED_AT, Date.from(to))))
                .sort(Sorts.ascending(STARTED_AT, "_id")).into(new ArrayList<>());
    }

    /** The session's trace, its batches' points in time order, thinned to at most {@code maxPoints}. */
    public Uni<TraceChunk> trace(String clinicId, String sessionId, int maxPoints) {
        return traces().find(Filters.and(Filters.eq(SESSION, sessionId), Filters.eq(CLINIC, clinicId)),
                        new FindOptions().sort(Sorts.ascending(STARTED_AT, "seq")))
                .collect().asList()
                .map(docs -> {
                    TraceChunk.Builder all = new TraceChunk.Builder(docs.size() * 5);
                    for (Document d : docs) {
                        all.addAll(new TraceChunk(d.getList("at", Long.class), d.getList("flexion", Double.class),
                                d.getList("sideBend", Double.class), d.getList("rotation", Double.class),
                                d.getList("hipHinge", Double.class)));
                    }
                    return all.build().thinnedTo(maxPoints);
                });
    }

    static Document traceDocument(String clinicId, String wearerId, String sessionId, long seq, TraceChunk chunk) {
        return new Document("_id", sessionId + "/" + seq)
                .append(SESSION, sessionId)
                .append(CLINIC, clinicId)
                .append(WEARER, wearerId)
                .append("seq", seq)
                .append(STARTED_AT, chunk.size() == 0 ? null : new Date(chunk.at().get(0)))
                .append("at", chunk.at())
                .append("flexion", chunk.flexion())
                .append("sideBend", chunk.sideBend())
                .append("rotation", chunk.rotation())
                .append("hipHinge", chunk.hipHinge());
    }

    /** Writes trace documents, idempotent per (session, seq). Blocking: the trace writer's thread. */
    void storeTraces(List<Document> chunks) {
        List<WriteModel<Document>> writes = new ArrayList<>(chunks.size());
        for (Document chunk : chunks) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", chunk.get("_id")), Updates.setOnInsert(chunk),
                    new UpdateOptions().upsert(true)));
        }
        blocking.getDatabase(config.database()).getCollection(TRACES)
                .bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** Ids of the wearer's recorded sessions in the clinic. */
    public Uni<List<String>> idsOfWearer(String clinicId, String wearerId) {
        return sessions().find(ofWearer(clinicId, wearerId), new FindOptions().projection(new Document("_id", 1)))
                .map(d -> d.getString("_id")).collect().asList();
    }

    /** Deletes the wearer's session records in the clinic; returns how many. */
    public Uni<Long> deleteOfWearer(String clinicId, String wearerId) {
        return sessions().deleteMany(ofWearer(clinicId, wearerId)).map(r -> r.getDeletedCount());
    }

    /**
     * Deletes the wearer's trace documents in the clinic: those naming the wearer (the open session's
     * too) and those of {@code sessionIds} (traces written before they named their wearer). Returns how many.
     */
    public Uni<Long> deleteTracesOfWearer(String clinicId, String wearerId, List<String> sessionIds) {
        Uni<Long> named = traces().deleteMany(ofWearer(clinicId, wearerId)).map(r -> r.getDeletedCount());
        if (sessionIds.isEmpty()) {
            return named;
        }
        return named.chain(n -> traces().deleteMany(Filters.and(Filters.in(SESSION, sessionIds),
                Filters.eq(CLINIC, clinicId))).map(r -> n + r.getDeletedCount()));
    }

    /** Deletes the wearer's trace documents in the clinic. Blocking: the trace writer's thread. */
    void deleteTracesOfWearerBlocking(String clinicId, String wearerId) {
        blocking.getDatabase(config.database()).getCollection(TRACES).deleteMany(ofWearer(clinicId, wearerId));
    }

    private static Bson ofWearer(String clinicId, String wearerId) {
        return Filters.and(Filters.eq(CLINIC, clinicId), Filters.eq(WEARER, wearerId));
    }

    /** Indexes the clinic-scoped queries rely on; creating an existing index is a no-op. */
    public Uni<Void> ensureIndexes() {
        return sessions().createIndex(Indexes.ascending(CLINIC, WEARER, STARTED_AT))
                .chain(() -> traces().createIndex(Indexes.ascending(SESSION, STARTED_AT)))
                // the erasure finds the traces of a wearer's open session by the wearer
                .chain(() -> traces().createIndex(Indexes.ascending(CLINIC, WEARER)))
                .replaceWithVoid();
    }

    static Map<String, Integer> faults(Document doc) {
        Document faults = doc.get("faults", Document.class);
        Map<String, Integer> out = new TreeMap<>();
        if (faults != null) {
            faults.forEach((code, n) -> out.put(code, ((Number) n).intValue()));
        }
        return out;
    }
}
