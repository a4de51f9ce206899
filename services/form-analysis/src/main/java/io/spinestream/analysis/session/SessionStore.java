package io.spinestream.analysis.session;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

/** Session records in MongoDB; every lookup is within one clinic. */
@ApplicationScoped
public class SessionStore {

    static final String COLLECTION = "sessions";
    static final String CLINIC = "clinicId";

    @Inject
    ReactiveMongoClient mongo;

    @Inject
    AnalysisStoreConfig config;

    ReactiveMongoCollection<Document> sessions() {
        return mongo.getDatabase(config.database()).getCollection(COLLECTION);
    }

    /** The session if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<Document> findInClinic(String clinicId, String sessionId) {
        return sessions().find(Filters.and(Filters.eq("_id", sessionId), Filters.eq(CLINIC, clinicId)))
                .collect().first();
    }

    /** Indexes the clinic-scoped queries rely on; creating an existing index is a no-op. */
    public Uni<Void> ensureIndexes() {
        return sessions().createIndex(Indexes.ascending(CLINIC, "wearerId", "startedAt")).replaceWithVoid();
    }
}
