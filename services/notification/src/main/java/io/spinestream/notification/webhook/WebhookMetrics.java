package io.spinestream.notification.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What an operator watches: attempts and deliveries by outcome, the queue, endpoints disabled. */
@ApplicationScoped
public class WebhookMetrics {

    private final Map<SendResult.Outcome, Counter> attempts = new EnumMap<>(SendResult.Outcome.class);
    private final Counter succeeded;
    private final Counter deadLettered;
    private final Counter disabledGone;
    private final Counter disabledFailing;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();

    @Inject
    public WebhookMetrics(MeterRegistry registry) {
        for (SendResult.Outcome outcome : SendResult.Outcome.values()) {
            attempts.put(outcome, Counter.builder("notification.webhook.attempts")
                    .description("HTTP attempts of webhook deliveries, by outcome")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
        succeeded = delivery(registry, "succeeded");
        deadLettered = delivery(registry, "dead_lettered");
        disabledGone = disabled(registry, "gone");
        disabledFailing = disabled(registry, "failing");
        Gauge.builder("notification.webhook.queue.pending", pending, AtomicLong::get)
                .description("Deliveries waiting for an attempt (new and retrying)")
                .register(registry);
        Gauge.builder("notification.webhook.queue.retrying", retrying, AtomicLong::get)
                .description("Deliveries waiting for a retry after at least one failed attempt")
                .register(registry);
    }

    private static Counter delivery(MeterRegistry registry, String result) {
        return Counter.builder("notification.webhook.deliveries")
                .description("Webhook deliveries that reached a final state, by state")
                .tag("result", result)
                .register(registry);
    }

    private static Counter disabled(MeterRegistry registry, String reason) {
        return Counter.builder("notification.webhook.endpoints.disabled")
                .description("Endpoints disabled by the dispatcher, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    void attempt(SendResult.Outcome outcome) {
        attempts.get(outcome).increment();
    }

    void succeeded() {
        succeeded.increment();
    }

    void deadLettered(int count) {
        deadLettered.increment(count);
    }

    void disabled(boolean gone) {
        (gone ? disabledGone : disabledFailing).increment();
    }

    void queue(long pendingNow, long retryingNow) {
        pending.set(pendingNow);
        retrying.set(retryingNow);
    }
}
