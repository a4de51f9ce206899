package io.spinestream.notification.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.notification.alert.AlertView;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Announces feed messages with PostgreSQL {@code NOTIFY} inside the transaction that stored the
 * change: it reaches every instance's listeners only if, and once, the transaction commits.
 */
@ApplicationScoped
public class FeedPublisher {

    /** The PostgreSQL notification channel of the feed. */
    static final String PG_CHANNEL = "notification_feed";
    // PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.
    private static final int MAX_PAYLOAD_BYTES = 7900;

    /** Queues the message in the current transaction. */
    public Uni<Void> publish(String id, String kind, AlertView alert) {
        String message = payload(id, kind, alert);
        // Flush first: a native statement must not trigger Hibernate's blocking auto-flush.
        // A native update (its row is not read): a native query read for its rows caches a new plan on each
        // call in Hibernate 7.2, all under one hash (issue #9).
        return Panache.getSession().chain(session -> session.flush().chain(() -> session
                .createNativeQuery("SELECT CAST(pg_notify(?1, ?2) AS text)")
                .setParameter(1, PG_CHANNEL)
                .setParameter(2, message)
                .executeUpdate()
                .replaceWithVoid()));
    }

    /** A feed message about one alert. */
    public record Message(String id, String kind, AlertView alert) {
    }

    /** Queues the messages in the current transaction, in order, with one statement. */
    public Uni<Void> publishAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] payloads = messages.stream().map(m -> payload(m.id(), m.kind(), m.alert())).toArray(String[]::new);
        return Panache.getSession().chain(session -> session.flush().chain(() -> session
                .createNativeQuery("SELECT CAST(pg_notify(?1, p) AS text) FROM unnest(CAST(?2 AS text[])) "
                        + "WITH ORDINALITY AS t(p, n) ORDER BY n")
                .setParameter(1, PG_CHANNEL)
                .setParameter(2, payloads)
                .executeUpdate()
                .replaceWithVoid()));
    }

    private static String payload(String id, String kind, AlertView alert) {
        String payload = encode(new FeedEvent(id, kind, alert.clinicId(), alert));
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            // Reason and details are free text of unbounded size; the dashboard can read them by id.
            payload = encode(new FeedEvent(id, kind, alert.clinicId(), alert.summary()));
        }
        return payload;
    }

    private static String encode(FeedEvent event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed event not serialisable", e);
        }
    }
}
