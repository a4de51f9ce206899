package io.spinestream.analysis.stream;

import io.spinestream.events.cloudevents.EventSerde;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.telemetry.IngestedBatchSerde;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The live topology (docs/form-analysis.md "Live"):
 *
 * <pre>
 * telemetry.v1 (beltId → IngestedBatch) ──► belt-analyzer ──► alerts.v1 (faults, advisories)
 *                                              │   │       └──► session-summaries.v1
 *                        belt-analyzers store ─┘   └─ wearer-profiles (global store)
 * wearer-profiles.v1 (wearerId → profile) ──► wearer-profiles-updater ──► wearer-profiles
 * </pre>
 *
 * Keyed by belt end to end: a belt's batches, state and events stay on one partition, so two
 * instances share the partitions and a belt's state follows its partition through the store's
 * changelog. Topic names are configuration ({@link StreamConfig#topics()}), mapped to the
 * registry's names in application.properties.
 */
@ApplicationScoped
public class AnalysisTopology {

    /** Per-belt analyzer state ({@code BeltAnalyzer.snapshot()} bytes), RocksDB with a changelog. */
    public static final String ANALYZER_STORE = "belt-analyzers";
    /** Latest profile per wearer id, a global store fed by the compacted wearer-profiles topic. */
    public static final String PROFILE_STORE = "wearer-profiles";

    static final String TELEMETRY_SOURCE = "telemetry";
    static final String PROCESSOR = "belt-analyzer";
    static final String ALERTS_SINK = "alerts";
    static final String SUMMARIES_SINK = "session-summaries";

    @Inject
    StreamConfig config;

    @Inject
    AnalysisMetrics metrics;

    @Inject
    StoredCalibrations calibrations;

    @Inject
    SessionTraces traces;

    @Inject
    ErasedWearerCheck erased;

    @Produces
    public Topology topology() {
        StreamConfig.TopicNames topics = config.topics();
        EventSerde events = new EventSerde();
        Topology topology = new Topology();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILE_STORE), Serdes.String(),
                        EventSerde.typed(WearerProfile.class)).withLoggingDisabled(),
                "wearer-profiles-source", Serdes.String().deserializer(),
                EventSerde.typed(WearerProfile.class).deserializer(), topics.wearerProfiles(),
                "wearer-profiles-updater", WearerProfileUpdater::new);
        topology.addSource(TELEMETRY_SOURCE, Serdes.String().deserializer(), new IngestedBatchSerde().deserializer(),
                topics.telemetry());
        topology.addProcessor(PROCESSOR, () -> new BeltAnalysisProcessor(config, calibrations, traces, metrics, erased), TELEMETRY_SOURCE);
        // Cached: a belt's state reaches RocksDB and the changelog at the next commit, together with
        // the input offsets (at-least-once flushes the store, then the producer, then commits). After
        // a crash the state is never ahead of the input it is replayed from, so replayed batches
        // raise their events again, with the same ids, instead of being dropped as duplicates. The
        // cache holds no output: events are forwarded by the processor, never by a table.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ANALYZER_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);
        topology.addSink(ALERTS_SINK, topics.alerts(), Serdes.String().serializer(), events.serializer(),
                PROCESSOR);
        topology.addSink(SUMMARIES_SINK, topics.sessionSummaries(), Serdes.String().serializer(),
                events.serializer(), PROCESSOR);
        return topology;
    }
}
