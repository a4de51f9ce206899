package io.spinestream.ingest.downlink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code spinestream_ingest_commands_total} by outcome: stored (for a belt of this platform),
 * delivered by stream or poll, dropped (expired, unreadable), retried (an attempt to store and
 * push it again after a failure), or failed (given up: it expired while the database failed, or the database rejected it).
 * {@code spinestream_downlink_command_age_on_arrival_seconds}: how old each command (with an
 * {@code issuedAt}) is when this instance's consumer reads it, so that commands lost to expiry can be
 * told apart: old on arrival (late upstream: notification, the broker, the consumer's lag) or young
 * on arrival and lost here.
 */
@ApplicationScoped
public class DownlinkMetrics {

    private final MeterRegistry registry;
    private final Timer ageOnArrival;

    @Inject
    public DownlinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ageOnArrival = Timer.builder("spinestream.downlink.command.age.on.arrival")
                .description("Age of a belt command (now - issuedAt) when the command consumer reads it")
                // Buckets, so that p99 and the share over the expiry can be read across instances.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /**
     * A command read at {@code now} that was issued at {@code issuedAt}. A clock behind the issuer's
     * gives a negative age, recorded as zero (Micrometer drops negative durations, and the count must
     * stay the number of commands read).
     */
    void arrived(Instant issuedAt, Instant now) {
        Duration age = Duration.between(issuedAt, now);
        ageOnArrival.record(age.isNegative() ? Duration.ZERO : age);
    }

    void count(String outcome, int n) {
        if (n > 0) {
            Counter.builder("spinestream.ingest.commands")
                    .description("Belt commands by what became of them on this instance")
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(n);
        }
    }
}
