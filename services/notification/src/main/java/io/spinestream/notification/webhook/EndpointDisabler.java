package io.spinestream.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;
import io.spinestream.notification.alert.AlertRecorder;
import io.spinestream.notification.alert.AlertTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;

/** Takes an endpoint out of service: no further attempts, its queue dead-lettered (replayable). */
@ApplicationScoped
public class EndpointDisabler {

    /** Consumer name under which notification's own alerts are kept idempotent. */
    static final String SELF = "notification";

    private static final Logger LOG = Logger.getLogger(EndpointDisabler.class);

    @Inject
    AlertRecorder alerts;

    @Inject
    WebhookMetrics metrics;

    /**
     * Disables the endpoint because deliveries failed, in the current transaction, and tells its
     * clinic with an alert (on the alert list, the live feed and other subscribed endpoints).
     *
     * @param gone        whether the receiver answered 410 Gone (otherwise: failing too long)
     * @param exceptId    a delivery the caller settles itself; left untouched
     */
    public Uni<Void> disableFailing(WebhookEndpoint endpoint, String reason, boolean gone, Instant now,
                                    String exceptId) {
        if (!endpoint.enabled) {
            return Uni.createFrom().voidItem();
        }
        endpoint.enabled = false;
        endpoint.disabledReason = reason;
        endpoint.disabledAt = now;
        endpoint.updatedAt = now;
        metrics.disabled(gone);
        LOG.infof("disabled webhook endpoint %s of clinic %s: %s", endpoint.id, endpoint.clinicId, reason);
        String alertId = EventIds.deterministic("endpoint-disabled", endpoint.id, now.toString());
        Alert notice = new Alert(alertId, AlertTypes.ENDPOINT_DISABLED_CODE, Severity.WARNING, endpoint.clinicId,
                null, null, null, now, null, null, null, false, null,
                "Webhook endpoint " + endpoint.id + " was disabled: " + reason
                        + ". Fix the receiver, re-enable the endpoint and replay what it missed.",
                Map.of("endpointId", endpoint.id, "reason", reason));
        return deadLetterPending(endpoint.id, "endpoint disabled: " + reason, now, exceptId)
                .chain(() -> alerts.record(SELF, alertId, AlertTypes.ENDPOINT_DISABLED, endpoint.clinicId, notice))
                .replaceWithVoid();
    }

    /** Dead-letters the endpoint's pending deliveries (except {@code exceptId}); they stay replayable. */
    public Uni<Integer> deadLetterPending(String endpointId, String reason, Instant now, String exceptId) {
        return Panache.getSession().chain(session -> session.flush().chain(() -> session
                .createNamedQuery(WebhookDelivery.DEAD_LETTER_PENDING)
                .setParameter("reason", truncate(reason))
                .setParameter("now", now)
                .setParameter("endpoint", endpointId)
                .setParameter("except", exceptId == null ? "" : exceptId)
                .executeUpdate()))
                .invoke(count -> metrics.deadLettered(count));
    }

    static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
