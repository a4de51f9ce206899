package io.spinestream.journal.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.support.Ids;
import io.spinestream.journal.support.TopicReader;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the outbox guarantees when publishing did not happen right after the commit (the broker was
 * away, or the instance stopped): the committed events are published later, once, and marked sent.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class OutboxRelayTest {

    @Inject
    AgroalDataSource dataSource;

    private static Event<Alert> advisory(String wearer, String cause) {
        String id = EventIds.of(EventType.JOURNAL_ADVISORY, wearer, cause, "TEST_ADVISORY");
        Alert alert = new Alert(id, "TEST_ADVISORY", Severity.INFO, "clinic-a", null, wearer, null,
                Instant.parse("2026-11-20T10:00:00Z"), null, null, null, false, null, "outbox test", Map.of("cause", cause));
        return Event.of(EventType.JOURNAL_ADVISORY, id, EventSources.JOURNAL, wearer, "clinic-a", alert.at(), alert);
    }

    private void insert(Event<?> event, String key, Instant sentAt) throws Exception {
        try (var connection = dataSource.getConnection();
             var insert = connection.prepareStatement("INSERT INTO outbox_event (event_id, event_type, record_key,"
                     + " clinic_id, payload, created_at, sent_at) VALUES (?, ?, ?, ?, ?, now(), ?)")) {
            insert.setString(1, event.id());
            insert.setString(2, event.type().type());
            insert.setString(3, key);
            insert.setString(4, event.clinicId());
            insert.setString(5, new String(CloudEventCodec.encode(event), StandardCharsets.UTF_8));
            insert.setTimestamp(6, sentAt == null ? null : Timestamp.from(sentAt));
            insert.executeUpdate();
        }
    }

    private Instant sentAt(String eventId) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT sent_at FROM outbox_event WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (var rows = query.executeQuery()) {
                rows.next();
                Timestamp sent = rows.getTimestamp(1);
                return sent == null ? null : sent.toInstant();
            }
        }
    }

    @Test
    void givenCommittedEventsNobodyPublished_whenTheRelayPolls_thenEachIsPublishedOnceInOrderAndMarkedSent() throws Exception {
        String wearer = Ids.unique("w");
        Event<Alert> alreadySent = advisory(wearer, "sent-before");
        Event<Alert> first = advisory(wearer, "first");
        Event<Alert> second = advisory(wearer, "second");
        insert(alreadySent, wearer, Instant.now().minusSeconds(60));
        insert(first, wearer, null);
        insert(second, wearer, null);

        try (TopicReader alerts = new TopicReader(Topics.ALERTS.name())) {
            var records = alerts.awaitFor(wearer, found -> found.stream().anyMatch(r -> r.value().id().equals(second.id())));
            assertThat(records).extracting(r -> r.value().id()).containsExactly(first.id(), second.id());
            assertThat(records).allSatisfy(r -> assertThat(r.headers().lastHeader("content-type").value())
                    .asString(StandardCharsets.UTF_8).isEqualTo("application/cloudevents+json"));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sentAt(first.id())).isNotNull();
            assertThat(sentAt(second.id())).isNotNull();
        });
    }
}
