package io.spinestream.ingest.telemetry;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.telemetry.TelemetryParseResult;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.ingest.downlink.CommandDelivery;
import io.spinestream.ingest.status.BeltStatusTracker;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Accepts one telemetry batch from an authenticated belt: size, rate limit, every rule of the
 * wire contract, the belt speaking for itself, then exactly-once publication per
 * {@code (beltId, seq)} and an answer only after Kafka acknowledged the record.
 */
@ApplicationScoped
public class TelemetryIngestor {

    private static final Logger LOG = Logger.getLogger(TelemetryIngestor.class);

    private final TelemetryConfig config;
    private final BeltRateLimiter rateLimiter;
    private final IngestLedger ledger;
    private final TelemetryPublisher publisher;
    private final TelemetryMetrics metrics;
    private final BeltStatusTracker status;
    private final CommandDelivery commands;

    @Inject
    public TelemetryIngestor(TelemetryConfig config, BeltRateLimiter rateLimiter, IngestLedger ledger,
                             TelemetryPublisher publisher, TelemetryMetrics metrics, BeltStatusTracker status,
                             CommandDelivery commands) {
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
        this.status = status;
        this.commands = commands;
    }

    void checkSettings(@Observes StartupEvent event) {
        TelemetryConfig.Publish publish = config.publish();
        if (publish.deliveryTimeout().compareTo(publish.requestTimeout()) < 0) {
            throw new IllegalStateException("spinestream.ingest.telemetry.publish.delivery-timeout must be at least "
                    + "the request-timeout");
        }
        if (config.idempotency().claimLease().compareTo(publish.deliveryTimeout().plus(publish.maxBlock())) <= 0) {
            throw new IllegalStateException("spinestream.ingest.telemetry.idempotency.claim-lease must exceed "
                    + "publish.delivery-timeout + publish.max-block, or a slow publish could be duplicated");
        }
    }

    /**
     * @param beltId        the authenticated belt
     * @param clinicId      the clinic owning it
     * @param credentialKey the key id of the credential it used (commands are handed out only over a working one)
     */
    public Uni<TelemetryAck> ingest(String beltId, String clinicId, String credentialKey, byte[] body,
                                    Encoding encoding) {
        if (body.length > config.maxBodySize().asLongValue()) {
            metrics.rejected(encoding, TelemetryMetrics.Reason.TOO_LARGE);
            throw TelemetryBodyLimit.tooLarge(config);
        }
        Optional<Duration> wait = rateLimiter.tryAcquire(beltId);
        if (wait.isPresent()) {
            metrics.rejected(encoding, TelemetryMetrics.Reason.RATE_LIMITED);
            throw ProblemException.tooManyRequests("belt " + beltId + " is over its limit of "
                    + config.rateLimit().batchesPerSecond() + " batches per second", wait.get());
        }
        TelemetryParseResult parsed = encoding.parse(body);
        if (!parsed.isValid()) {
            metrics.rejected(encoding, TelemetryMetrics.Reason.INVALID);
            throw ViolationReport.problem(parsed.violations(), config.maxViolationsListed());
        }
        TelemetryBatch batch = parsed.batch();
        if (!batch.getBeltId().equals(beltId)) {
            metrics.rejected(encoding, TelemetryMetrics.Reason.FORBIDDEN);
            throw ProblemException.forbidden("a belt may send only its own telemetry: the batch is of belt "
                    + batch.getBeltId() + ", the credential of belt " + beltId);
        }
        // Millisecond precision: what the Kafka record carries is what the acknowledgement says.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return ledger.claim(beltId, batch.getSeq(), clinicId, Instant.ofEpochMilli(batch.getStartedAtMs()), now)
                // Without the ledger there is no exactly-once: refuse rather than risk a duplicate.
                .onFailure().transform(e -> {
                    metrics.rejected(encoding, TelemetryMetrics.Reason.UNAVAILABLE);
                    LOG.warnf("batch %d of belt %s not stored, the idempotency ledger failed: %s", batch.getSeq(),
                            beltId, e.toString());
                    return ProblemException.unavailable("the telemetry store is unavailable; nothing of the batch "
                            + "was kept, send it again", config.publish().unavailableRetryAfter());
                })
                .chain(claim -> {
                    if (claim instanceof IngestLedger.Owned owned) {
                        return publish(batch, clinicId, credentialKey, owned, encoding, now);
                    }
                    if (claim instanceof IngestLedger.AlreadyPublished published) {
                        metrics.duplicate(encoding);
                        status.seen(beltId, clinicId, now);
                        return commands.forUpload(beltId, credentialKey).map(waiting ->
                                new TelemetryAck(beltId, batch.getSeq(), published.receivedAt(), waiting));
                    }
                    metrics.rejected(encoding, TelemetryMetrics.Reason.IN_FLIGHT);
                    return Uni.createFrom().failure(new ProblemException(409, "Conflict",
                            "batch " + batch.getSeq() + " of belt " + beltId
                                    + " is being stored by another request; retry to get its acknowledgement",
                            List.of(), config.idempotency().inFlightRetryAfter()));
                });
    }

    private Uni<TelemetryAck> publish(TelemetryBatch batch, String clinicId, String credentialKey,
                                      IngestLedger.Owned claim, Encoding encoding, Instant now) {
        String beltId = batch.getBeltId();
        long seq = batch.getSeq();
        IngestedBatch record = IngestedBatch.newBuilder()
                .setBatch(batch)
                .setClinicId(clinicId)
                .setWearerId(claim.wearerId() == null ? "" : claim.wearerId())
                .setReceivedAtMs(claim.receivedAt().toEpochMilli())
                .build();
        long start = System.nanoTime();
        return publisher.publish(beltId, record).onItemOrFailure().transformToUni((metadata, failure) -> {
            metrics.published(start, failure == null);
            if (failure != null) {
                metrics.rejected(encoding, TelemetryMetrics.Reason.UNAVAILABLE);
                LOG.warnf("batch %d of belt %s not stored, Kafka did not acknowledge it: %s", seq, beltId,
                        failure.toString());
                return ledger.release(beltId, seq, claim.token())
                        // If even that fails, the claim's lease runs out and a retry takes it over.
                        .onFailure().invoke(e -> LOG.warnf("could not release batch %d of belt %s: %s", seq, beltId,
                                e.toString()))
                        .onFailure().recoverWithNull()
                        .chain(() -> Uni.createFrom().failure(ProblemException.unavailable(
                                "the telemetry store is unavailable; nothing of the batch was kept, send it again",
                                config.publish().unavailableRetryAfter())));
            }
            metrics.accepted(encoding);
            status.accepted(beltId, clinicId, now, seq, batch.hasBattery() ? batch.getBattery() : null,
                    batch.getFirmware().isEmpty() ? null : batch.getFirmware());
            Uni<Void> marked = ledger.markPublished(beltId, seq, claim.token())
                    // The record is safely in Kafka; the belt gets its acknowledgement regardless.
                    .onFailure().invoke(e -> LOG.warnf("batch %d of belt %s published but not marked: %s", seq,
                            beltId, e.toString()))
                    .onFailure().recoverWithNull();
            return Uni.combine().all().unis(marked, commands.forUpload(beltId, credentialKey)).asTuple()
                    .map(done -> new TelemetryAck(beltId, seq, claim.receivedAt(), done.getItem2()));
        });
    }
}
