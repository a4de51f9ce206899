package io.spinestream.events.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.payload.BeltStatus;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.topic.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErasureEventsTest {

    private static final Instant AT = Instant.parse("2026-12-01T09:30:00Z");
    private static final ErasureRequested REQUEST = new ErasureRequested("er-1", "clinic-7", "w-42", AT);

    private static ErasureCompleted receipt(String service, Map<String, Long> removed) {
        return new ErasureCompleted("er-1", "clinic-7", service, removed, AT.plusSeconds(2));
    }

    @Test
    void givenRequest_whenBuiltTwice_thenSameEventKeyedByTheWearerFromTheJournal() {
        Event<ErasureRequested> event = ErasureEvents.requested(REQUEST);

        assertThat(ErasureEvents.requested(REQUEST)).isEqualTo(event);
        assertThat(event.id()).isEqualTo(EventIds.of(EventType.ERASURE_REQUESTED, "er-1"));
        assertThat(event.type().topic()).isSameAs(Topics.ERASURE_REQUESTS);
        assertThat(event.subject()).isEqualTo("w-42");
        assertThat(event.source()).isEqualTo("/spinestream/journal");
        assertThat(event.clinicId()).isEqualTo("clinic-7");
        assertThat(event.time()).isEqualTo(AT);
    }

    @Test
    void givenReceiptsOfTwoServices_whenBuilt_thenKeyedByTheErasureWithOneIdPerServiceAndTheirOwnSource() {
        Event<ErasureCompleted> journal = ErasureEvents.completed(receipt("journal", Map.of("pain_entries", 3L)));
        Event<ErasureCompleted> ingest = ErasureEvents.completed(receipt("sensor-ingest", Map.of()));

        assertThat(journal.subject()).isEqualTo("er-1");
        assertThat(ingest.subject()).isEqualTo("er-1");
        assertThat(journal.id()).isEqualTo(ErasureEvents.completedId("er-1", "journal")).isNotEqualTo(ingest.id());
        assertThat(journal.source()).isEqualTo("/spinestream/journal");
        assertThat(ingest.source()).isEqualTo("/spinestream/sensor-ingest");
        assertThat(journal.time()).isEqualTo(AT.plusSeconds(2));
        assertThat(journal.type().topic()).isSameAs(Topics.ERASURE_RECEIPTS);
    }

    @Test
    void givenTheSameReceiptWithOtherCounts_whenBuilt_thenTheIdStaysTheSameSoConsumersKeepTheFirst() {
        assertThat(ErasureEvents.completed(receipt("notification", Map.of("alerts", 4L))).id())
                .isEqualTo(ErasureEvents.completed(receipt("notification", Map.of())).id());
    }

    @Test
    void givenServiceThatIsNoParticipant_whenReceiptBuilt_thenRejectedNamingIt() {
        assertThatThrownBy(() -> ErasureEvents.completed(receipt("billing", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing");
    }

    @Test
    void givenEvents_whenAskedForTheirRequestOrReceipt_thenOnlyTheMatchingTypeAnswers() {
        Event<ErasureRequested> request = ErasureEvents.requested(REQUEST);
        Event<ErasureCompleted> receipt = ErasureEvents.completed(receipt("journal", Map.of()));
        Event<BeltStatus> other = Event.of(EventType.BELT_STATUS, "id", "/spinestream/sensor-ingest", "SB-1",
                "clinic-7", AT, new BeltStatus("SB-1", "clinic-7", AT, null, null, 1));

        assertThat(ErasureEvents.request(request)).contains(REQUEST);
        assertThat(ErasureEvents.request(receipt)).isEmpty();
        assertThat(ErasureEvents.request(other)).isEmpty();
        assertThat(ErasureEvents.request(null)).isEmpty();
        assertThat(ErasureEvents.receipt(receipt)).contains(receipt.data());
        assertThat(ErasureEvents.receipt(request)).isEmpty();
        assertThat(ErasureEvents.receipt(null)).isEmpty();
    }

    @Test
    void givenReceipt_whenEncodedAndDecoded_thenCountsComeBackSortedByKind() {
        Map<String, Long> removed = new LinkedHashMap<>();
        removed.put("sessions", 14L);
        removed.put("calibrations", 2L);
        Event<ErasureCompleted> event = ErasureEvents.completed(receipt("form-analysis", removed));

        Event<?> back = CloudEventCodec.decode(CloudEventCodec.encode(event));

        assertThat(back).isEqualTo(event);
        assertThat(back.dataAs(ErasureCompleted.class).removed().keySet()).containsExactly("calibrations", "sessions");
        assertThat(new String(CloudEventCodec.encode(event), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"removed\":{\"calibrations\":2,\"sessions\":14}");
    }

    @Test
    void givenBadCounts_whenReceiptBuilt_thenRejectedNamingTheKind() {
        assertThatThrownBy(() -> receipt("journal", Map.of("pain_entries", -1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pain_entries");
        assertThatThrownBy(() -> receipt("journal", Map.of("Pain Entries", 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Pain Entries");
        assertThat(receipt("journal", null).removed()).isEmpty();
    }

    @Test
    void givenMissingIds_whenPayloadsBuilt_thenRejectedNamingTheField() {
        assertThatThrownBy(() -> new ErasureRequested("er-1", "clinic-7", null, AT)).hasMessageContaining("wearerId");
        assertThatThrownBy(() -> new ErasureRequested("er-1", "clinic-7", "w-1", null)).hasMessageContaining("requestedAt");
        assertThatThrownBy(() -> new ErasureCompleted("er-1", "clinic-7", " ", Map.of(), AT)).hasMessageContaining("service");
        assertThatThrownBy(() -> new ErasureCompleted(null, "clinic-7", "journal", Map.of(), AT)).hasMessageContaining("erasureId");
    }
}
