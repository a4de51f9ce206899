package io.spinestream.analysis.erasure;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.spinestream.analysis.session.AnalysisStoreConfig;
import io.spinestream.analysis.stream.ErasedWearerCheck;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.platform.erasure.ErasureResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The erasure records (MongoDB collection {@value #COLLECTION}: erasure id, clinic, wearer id, counts,
 * times; no health data) and the check every writer makes before and after storing something of a
 * wearer. An erasure is recorded <em>before</em> the deletion starts, and a writer checks again after
 * its write: a write racing an erasure is either seen by the deletion or removed by its writer.
 *
 * <p>Erased wearers are remembered in memory for good (ids are never reused); a wearer not known as
 * erased is looked up in MongoDB, except by the live analyzer, which reads the in-memory set only
 * (reloaded every {@link ErasureConfig#refreshEvery()}).
 */
@ApplicationScoped
public class ErasedWearers implements ErasedWearerCheck {

    private static final Logger LOG = Logger.getLogger(ErasedWearers.class);

    static final String COLLECTION = "erasures";
    static final String CLINIC = "clinicId";
    static final String WEARER = "wearerId";
    static final String REMOVED = "removed";
    static final String COMPLETED_AT = "completedAt";

    private final Set<WearerKey> known = ConcurrentHashMap.newKeySet();
    /** Erased wearers in the order this instance learnt of them, for the analyzer's sweeps. */
    private final List<WearerKey> learnt = new CopyOnWriteArrayList<>();

    @Inject
    ReactiveMongoClient mongo;

    @Inject
    AnalysisStoreConfig store;

    @Inject
    ErasureConfig config;

    @Inject
    Scheduler scheduler;

    ReactiveMongoCollection<Document> erasures() {
        return mongo.getDatabase(store.database()).getCollection(COLLECTION);
    }

    void onStart(@Observes StartupEvent event) {
        erasures().createIndex(Indexes.ascending(WEARER, CLINIC))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ok -> LOG.debug("erasure index ready"),
                        failure -> LOG.errorf(failure, "could not create the erasure index"));
        scheduler.newJob("erased-wearers-refresh")
                .setInterval(config.refreshEvery().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> reload().onFailure().recoverWithItem(e -> {
                    LOG.warnf("erased wearers not reloaded, next try in %s: %s", config.refreshEvery(), e);
                    return null;
                }))
                .schedule();
    }

    /** Loads every erased wearer into memory. */
    Uni<Void> reload() {
        return erasures().find(new Document(), new FindOptions().projection(Projections.include(CLINIC, WEARER)))
                .invoke(d -> remember(new WearerKey(d.getString(CLINIC), d.getString(WEARER))))
                .collect().last().replaceWithVoid();
    }

    private void remember(WearerKey key) {
        if (key.clinicId() != null && key.wearerId() != null && known.add(key)) {
            learnt.add(key);
        }
    }

    @Override
    public boolean erased(String clinicId, String wearerId) {
        return wearerId != null && known.contains(new WearerKey(clinicId, wearerId));
    }

    @Override
    public int learntCount() {
        return learnt.size();
    }

    @Override
    public List<WearerKey> learntSince(int index) {
        return List.copyOf(learnt.subList(Math.min(index, learnt.size()), learnt.size()));
    }

    /** The erasure as recorded, or null. */
    Uni<Document> find(String erasureId) {
        return erasures().find(Filters.eq("_id", erasureId)).collect().first();
    }

    /** Records that the erasure has begun: from now on nothing of the wearer is stored. */
    Uni<Void> begin(ErasureRequested request) {
        Document doc = new Document(CLINIC, request.clinicId()).append(WEARER, request.wearerId())
                .append("requestedAt", Date.from(request.requestedAt()));
        return erasures().updateOne(Filters.eq("_id", request.erasureId()), Updates.setOnInsert(doc),
                        new UpdateOptions().upsert(true))
                .invoke(() -> remember(new WearerKey(request.clinicId(), request.wearerId())))
                .replaceWithVoid();
    }

    /** Records what the erasure removed, unless a result is recorded already (the first one stays). */
    Uni<Void> complete(String erasureId, ErasureResult result) {
        return erasures().updateOne(Filters.and(Filters.eq("_id", erasureId), Filters.eq(COMPLETED_AT, null)),
                Updates.combine(Updates.set(REMOVED, new Document(new java.util.TreeMap<String, Object>(result.removed()))),
                        Updates.set(COMPLETED_AT, Date.from(result.completedAt())))).replaceWithVoid();
    }

    /** The erased wearers among {@code keys}: from memory, the others from MongoDB. */
    public Uni<Set<WearerKey>> erasedAmong(Collection<WearerKey> keys) {
        Set<WearerKey> erased = new HashSet<>();
        Set<String> unknownWearers = new HashSet<>();
        for (WearerKey key : keys) {
            if (key.wearerId() == null) {
                continue;
            }
            if (known.contains(key)) {
                erased.add(key);
            } else {
                unknownWearers.add(key.wearerId());
            }
        }
        if (unknownWearers.isEmpty()) {
            return Uni.createFrom().item(erased);
        }
        return erasures().find(Filters.in(WEARER, new ArrayList<>(unknownWearers)),
                        new FindOptions().projection(Projections.include(CLINIC, WEARER)))
                .collect().asList()
                .map(found -> {
                    for (Document d : found) {
                        WearerKey key = new WearerKey(d.getString(CLINIC), d.getString(WEARER));
                        remember(key);
                        if (keys.contains(key)) {
                            erased.add(key);
                        }
                    }
                    return erased;
                });
    }

    /** Whether the wearer of the clinic is erased (memory, then MongoDB). */
    public Uni<Boolean> isErased(String clinicId, String wearerId) {
        if (wearerId == null) {
            return Uni.createFrom().item(false);
        }
        WearerKey key = new WearerKey(clinicId, wearerId);
        return erasedAmong(List.of(key)).map(erased -> erased.contains(key));
    }

    /**
     * After a write of these wearers' data: for those erased meanwhile, runs {@code delete} (their data
     * in the store just written), so a write that raced an erasure does not survive it.
     */
    public Uni<Void> afterWrite(Collection<WearerKey> written, Function<WearerKey, Uni<?>> delete) {
        return erasedAmong(written).chain(erased -> {
            if (erased.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<Void>> deletes = erased.stream().map(w -> delete.apply(w).replaceWithVoid()).toList();
            return Uni.join().all(deletes).andFailFast().replaceWithVoid();
        });
    }
}
