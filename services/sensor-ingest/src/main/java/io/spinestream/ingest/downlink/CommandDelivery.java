package io.spinestream.ingest.downlink;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.BeltCommand;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gets each live command to its belt at most once: stored for all instances, then claimed by
 * whichever path reaches the belt first: this instance's open stream of the belt (when the
 * command arrives, or when the stream opens), or the belt's next upload on any instance.
 */
@ApplicationScoped
public class CommandDelivery {

    private static final Logger LOG = Logger.getLogger(CommandDelivery.class);
    private static final Duration RETRY_FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(1);

    private final PendingCommands pending;
    private final CommandStreams streams;
    private final DownlinkMetrics metrics;
    private final DownlinkConfig config;
    private final WaitingCommands waiting;

    @Inject
    public CommandDelivery(PendingCommands pending, CommandStreams streams, DownlinkMetrics metrics,
                           DownlinkConfig config, WaitingCommands waiting) {
        this.waiting = waiting;
        this.pending = pending;
        this.streams = streams;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * A command read from the topic (by every instance, and again after a rebalance or restart:
     * storing is idempotent by command id, and only undelivered commands are claimed). A failure
     * (the database away) is retried until the command expires, unless the database rejected the
     * command as data; then the returned Uni fails.
     */
    public Uni<Void> accept(String clinicId, BeltCommand command) {
        Instant receivedAt = Instant.now();
        Instant expiresAt = CommandExpiry.of(command, receivedAt, config.commandExpiry());
        if (!receivedAt.isBefore(expiresAt)) {
            metrics.count("expired", 1);
            return Uni.createFrom().voidItem();
        }
        if (!PendingCommands.fits(command, clinicId)) {
            // No belt of this platform could match: its ids are longer than any registered.
            metrics.count("unreadable", 1);
            return Uni.createFrom().voidItem();
        }
        // Before the store: an upload that claims after the row exists must not skip it.
        waiting.arriving(command.beltId(), expiresAt);
        AtomicInteger attempts = new AtomicInteger();
        return Uni.createFrom().deferred(() -> {
                    if (attempts.getAndIncrement() > 0) {
                        metrics.count("retried", 1);
                    }
                    return storeAndPush(clinicId, command, expiresAt);
                })
                .onFailure(CommandDelivery::transientFailure).invoke(e -> {
                    if (attempts.get() == 1) {
                        LOG.warnf("command %s for belt %s not handled (%s); trying again until it expires at %s",
                                command.commandId(), command.beltId(), e.toString(), expiresAt);
                    }
                })
                .onFailure(CommandDelivery::transientFailure).retry()
                .withBackOff(RETRY_FIRST_BACKOFF, RETRY_MAX_BACKOFF).expireAt(expiresAt.toEpochMilli());
    }

    private Uni<Void> storeAndPush(String clinicId, BeltCommand command, Instant expiresAt) {
        return pending.store(command, clinicId, expiresAt, Instant.now())
                .invoke(stored -> metrics.count("stored", stored ? 1 : 0))
                // Stored here or by another instance a moment ago: either way, push it if the belt listens here.
                .chain(() -> pushToStreamHere(command.beltId()));
    }

    // A command the database rejects as data (SQLSTATE classes 22, 23) fails again however often it is
    // tried, and retrying it would hold up the commands behind it; anything else (connection, pool,
    // server restarting) may pass on the next attempt.
    private static boolean transientFailure(Throwable failure) {
        return !(failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23")));
    }

    /** Opens a belt's stream: commands waiting for it are sent at once, later ones as they come. */
    public Multi<OutboundSseEvent> open(String beltId, String credentialKey, Sse sse) {
        return Multi.createFrom().emitter(emitter -> {
            // Registered before the waiting commands are claimed: a command arriving in between is
            // then either claimed here or pushed by accept(), never missed.
            CommandStreams.Stream stream = streams.open(beltId, credentialKey, emitter, Vertx.currentContext(), sse);
            emitter.onTermination(() -> streams.closed(stream));
            stream.comment("connected");
            pending.claim(beltId, credentialKey, PendingCommands.Via.STREAM).subscribe().with(
                    commands -> send(stream, commands),
                    failure -> LOG.warnf("waiting commands of belt %s not claimed: %s", beltId, failure.toString()));
        });
    }

    /**
     * The commands to return with a belt's upload (belts that poll rather than stream); no claim
     * at all when this instance knows that none waits for the belt ({@link WaitingCommands}).
     */
    public Uni<List<CommandView>> forUpload(String beltId, String credentialKey) {
        if (!waiting.mayWait(beltId)) {
            return Uni.createFrom().item(List.of());
        }
        return pending.claim(beltId, credentialKey, PendingCommands.Via.POLL)
                .invoke(commands -> metrics.count("delivered_poll", commands.size()))
                .onFailure().invoke(e -> LOG.warnf("commands of belt %s not claimed for its upload: %s", beltId, e.toString()))
                // Nothing was claimed, so the commands still wait for the next chance.
                .onFailure().recoverWithItem(List.of());
    }

    private Uni<Void> pushToStreamHere(String beltId) {
        CommandStreams.Stream stream = streams.newest(beltId);
        if (stream == null) {
            return Uni.createFrom().voidItem();
        }
        return pending.claim(beltId, stream.credentialKey, PendingCommands.Via.STREAM)
                .invoke(commands -> send(stream, commands))
                .replaceWithVoid();
    }

    private void send(CommandStreams.Stream stream, List<CommandView> commands) {
        // Claimed, so sent at most once: a stream that closes right now loses them rather than risk a repeat.
        commands.forEach(stream::send);
        metrics.count("delivered_stream", commands.size());
    }
}
