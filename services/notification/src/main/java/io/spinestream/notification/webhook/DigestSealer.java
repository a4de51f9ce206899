package io.spinestream.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an endpoint's collected form faults of a session into one delivery, once the endpoint's
 * digest window has passed since the first of them, or once it holds the maximum number of
 * alerts. Items arriving while a digest is sealed (not locked by it) wait for the next one.
 */
@ApplicationScoped
public class DigestSealer {

    @Inject
    WebhookConfig config;

    /** Seals every due digest at {@code now}; returns how many deliveries it created. */
    public Uni<Integer> sealDue(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNamedQuery(DigestItem.OPEN_GROUPS, Object[].class)
                .getResultList()
                .chain(groups -> groups.isEmpty() ? Uni.createFrom().item(0) : sealGroups(session, groups, now))));
    }

    private Uni<Integer> sealGroups(Mutiny.Session session, List<Object[]> groups, Instant now) {
        List<String> endpointIds = groups.stream().map(g -> (String) g[0]).distinct().toList();
        return session.createNamedQuery(WebhookEndpoint.BY_IDS, WebhookEndpoint.class)
                .setParameter("ids", endpointIds)
                .getResultList()
                .chain(found -> {
                    Map<String, WebhookEndpoint> byId = new HashMap<>();
                    found.forEach(e -> byId.put(e.id, e));
                    List<Object[]> due = groups.stream().filter(g -> isDue(byId.get((String) g[0]), g, now)).toList();
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(g -> seal(session, byId.get((String) g[0]),
                                    (String) g[1], (String) g[4], now))
                            .collect().asList()
                            .map(sealed -> (int) sealed.stream().filter(Boolean::booleanValue).count());
                });
    }

    private boolean isDue(WebhookEndpoint endpoint, Object[] group, Instant now) {
        if (endpoint == null) {
            return false;
        }
        Instant first = (Instant) group[2];
        long count = ((Number) group[3]).longValue();
        return count >= config.digest().maxAlerts() || !now.isBefore(first.plusMillis(endpoint.digestWindowMs));
    }

    private Uni<Boolean> seal(Mutiny.Session session, WebhookEndpoint endpoint, String sessionId, String wearerId,
                              Instant now) {
        // HQL, not a native query read for its rows: those cache a new plan on each call in Hibernate 7.2, all
        // under one hash, which slowed every later lookup of the statement (issue #9).
        var query = session.createSelectionQuery("from DigestItem i where i.endpointId = :endpoint "
                        + "and i.sessionId = :session and " + (wearerId == null ? "i.wearerId is null" : "i.wearerId = :wearer")
                        + " order by i.raisedAt, i.createdAt, i.id", DigestItem.class)
                .setParameter("endpoint", endpoint.id)
                .setParameter("session", sessionId)
                .setMaxResults(config.digest().maxAlerts())
                .setLockMode(LockMode.UPGRADE_SKIPLOCKED);
        if (wearerId != null) {
            query.setParameter("wearer", wearerId);
        }
        return query.getResultList()
                .chain(items -> {
                    if (items.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    List<Alert> alerts = new ArrayList<>();
                    for (DigestItem item : items) {
                        alerts.add(read(item.alert));
                    }
                    alerts.sort(Comparator.comparing(Alert::at));
                    Alert first = alerts.get(0);
                    FormFaultDigest digest = new FormFaultDigest(endpoint.clinicId, sessionId, first.beltId(),
                            wearerId, alerts.size(), first.at(), alerts.get(alerts.size() - 1).at(), alerts);
                    String body = new WebhookBody(WebhookEventTypes.FORM_FAULT_DIGEST, now, digest).toJson();
                    WebhookDelivery delivery = WebhookEnqueuer.delivery(endpoint, WebhookEventTypes.FORM_FAULT_DIGEST,
                            "digest:" + items.get(0).id, body, wearerId, now);
                    return session.persist(delivery)
                            .chain(() -> Multi.createFrom().iterable(items)
                                    .onItem().transformToUniAndConcatenate(session::remove)
                                    .collect().last())
                            .replaceWith(true);
                });
    }

    private static Alert read(String json) {
        try {
            return EventJson.mapper().readValue(json, Alert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored digest alert unreadable", e);
        }
    }
}
