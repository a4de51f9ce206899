package io.spinestream.ingest.downlink;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.spinestream.ingest.auth.BeltCredentialsRevoked;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command streams open on this instance, by belt. Another instance's streams are not known
 * here and need not be: every instance reads every command and delivers to its own streams.
 */
@ApplicationScoped
public class CommandStreams {

    private static final Logger LOG = Logger.getLogger(CommandStreams.class);

    private static final String STILL_VALID = """
            SELECT c.key_id FROM belt_credential c JOIN belt b ON b.id = c.belt_id
             WHERE c.key_id = ANY($1) AND c.revoked_at IS NULL AND b.state = 'active'""";

    /** One belt's open stream. */
    public static final class Stream {
        private static final AtomicLong SEQUENCE = new AtomicLong();

        final String beltId;
        final String credentialKey;
        private final long opened = SEQUENCE.incrementAndGet();
        private final MultiEmitter<? super OutboundSseEvent> emitter;
        private final Context context;
        private final Sse sse;

        Stream(String beltId, String credentialKey, MultiEmitter<? super OutboundSseEvent> emitter, Context context,
               Sse sse) {
            this.beltId = beltId;
            this.credentialKey = credentialKey;
            this.emitter = emitter;
            this.context = context;
            this.sse = sse;
        }

        void send(CommandView command) {
            // JSON by the resource's stream element type, so no non-standard content-type line per event.
            emit(sse.newEventBuilder().id(command.commandId()).name("command").data(CommandView.class, command).build());
        }

        void comment(String text) {
            emit(sse.newEventBuilder().comment(text).build());
        }

        void close() {
            onContext(emitter::complete);
        }

        private void emit(OutboundSseEvent event) {
            onContext(() -> emitter.emit(event));
        }

        // Writes to the response from the connection's own Vert.x context, whoever triggers them.
        private void onContext(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    private final ConcurrentMap<String, List<Stream>> byBelt = new ConcurrentHashMap<>();
    private final Pool pool;

    @Inject
    public CommandStreams(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("spinestream.ingest.command.streams", this, CommandStreams::size)
                .description("Belt command streams open on this instance")
                .register(registry);
    }

    Stream open(String beltId, String credentialKey, MultiEmitter<? super OutboundSseEvent> emitter, Context context,
                Sse sse) {
        Stream stream = new Stream(beltId, credentialKey, emitter, context, sse);
        byBelt.computeIfAbsent(beltId, id -> new CopyOnWriteArrayList<>()).add(stream);
        return stream;
    }

    void closed(Stream stream) {
        byBelt.computeIfPresent(stream.beltId, (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** The belt's most recently opened stream here (a reconnecting belt's old one may linger until it times out). */
    Stream newest(String beltId) {
        List<Stream> streams = byBelt.get(beltId);
        return streams == null ? null : streams.stream().max(Comparator.comparingLong(s -> s.opened)).orElse(null);
    }

    public int size() {
        return byBelt.values().stream().mapToInt(List::size).sum();
    }

    /** A credential rotated or retired on this instance: its streams close now. */
    void onRevoked(@Observes BeltCredentialsRevoked revoked) {
        List<Stream> streams = byBelt.remove(revoked.beltId());
        if (streams != null) {
            streams.forEach(Stream::close);
        }
    }

    /**
     * Keeps streams alive through proxies, and closes those whose credential no longer works
     * (rotated or retired on another instance).
     */
    // The scheduler reads the raw property, not the config mapping's @WithDefault: same fallback here.
    @Scheduled(every = "${spinestream.ingest.downlink.heartbeat:15s}", delayed = "${spinestream.ingest.downlink.heartbeat:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> heartbeat() {
        List<Stream> all = new ArrayList<>();
        byBelt.values().forEach(all::addAll);
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        all.forEach(stream -> stream.comment("keep-alive"));
        String[] keys = all.stream().map(s -> s.credentialKey).distinct().toArray(String[]::new);
        return pool.preparedQuery(STILL_VALID).execute(Tuple.of(keys)).invoke(rows -> {
            Set<String> valid = new HashSet<>();
            for (Row row : rows) {
                valid.add(row.getString("key_id"));
            }
            for (Stream stream : all) {
                if (!valid.contains(stream.credentialKey)) {
                    LOG.infof("closing the command stream of belt %s: its credential no longer works", stream.beltId);
                    closed(stream);
                    stream.close();
                }
            }
        }).replaceWithVoid();
    }

    @PreDestroy
    void closeAll() {
        byBelt.values().forEach(streams -> streams.forEach(Stream::close));
        byBelt.clear();
    }
}
