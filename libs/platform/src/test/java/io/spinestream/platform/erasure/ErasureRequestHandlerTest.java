package io.spinestream.platform.erasure;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.BeltStatus;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.topic.Topics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The participant's side of the erasure protocol (libs/platform), offline: a participant that erases into
 * a map of what it holds, and a receipt sender that collects what it was given. These tests live in the
 * journal module because libs/platform has no test dependencies yet.
 */
class ErasureRequestHandlerTest {

    private static final Instant REQUESTED = Instant.parse("2026-12-01T09:30:00Z");
    private static final Instant DONE = Instant.parse("2026-12-01T09:30:02Z");
    private static final ErasureRetry QUICK = new ErasureRetry(Duration.ofMillis(1), Duration.ofMillis(5), 3);

    /** A service holding sessions per wearer; remembers what each erasure removed, as the contract asks. */
    private static final class SessionStore implements ErasureParticipant {
        final Map<String, Integer> sessions = new java.util.HashMap<>(Map.of("w-42", 12, "w-7", 3));
        final Map<String, ErasureResult> done = new java.util.HashMap<>();
        final List<String> erasedWearers = new ArrayList<>();

        @Override
        public Uni<ErasureResult> erase(ErasureRequested request) {
            ErasureResult before = done.get(request.erasureId());
            if (before != null) {
                return Uni.createFrom().item(before);
            }
            erasedWearers.add(request.wearerId());
            Integer removed = sessions.remove(request.wearerId());
            ErasureResult result = ErasureResult.builder().add("sessions", removed == null ? 0 : removed)
                    .add("calibrations", 0).completedAt(DONE);
            done.put(request.erasureId(), result);
            return Uni.createFrom().item(result);
        }
    }

    private final SessionStore store = new SessionStore();
    private final List<Event<ErasureCompleted>> sent = new ArrayList<>();
    private final ReceiptSender collect = receipt -> {
        sent.add(receipt);
        return Uni.createFrom().voidItem();
    };

    private static Event<?> request(String erasureId, String wearer, String eventClinic, String payloadClinic) {
        return Event.of(EventType.ERASURE_REQUESTED, ErasureEvents.requestedId(erasureId), EventSources.JOURNAL, wearer,
                eventClinic, REQUESTED, new ErasureRequested(erasureId, payloadClinic, wearer, REQUESTED));
    }

    private static Event<?> request(String erasureId, String wearer) {
        return request(erasureId, wearer, "clinic-7", "clinic-7");
    }

    @Test
    void givenRequest_whenHandled_thenTheWearerIsErasedAndTheReceiptSaysWhatWasRemovedByWhomAndWhen() {
        var handler = new ErasureRequestHandler(Topics.FORM_ANALYSIS, store, collect, QUICK);

        var outcome = handler.handle(request("er-1", "w-42")).await().indefinitely();

        assertThat(outcome).isEqualTo(ErasureRequestHandler.Outcome.CONFIRMED);
        assertThat(store.sessions).doesNotContainKey("w-42").containsKey("w-7");
        assertThat(sent).singleElement().satisfies(receipt -> {
            assertThat(receipt.id()).isEqualTo(ErasureEvents.completedId("er-1", Topics.FORM_ANALYSIS));
            assertThat(receipt.type()).isEqualTo(EventType.ERASURE_COMPLETED);
            assertThat(receipt.subject()).isEqualTo("er-1");
            assertThat(receipt.source()).isEqualTo(EventSources.FORM_ANALYSIS);
            assertThat(receipt.clinicId()).isEqualTo("clinic-7");
            assertThat(receipt.time()).isEqualTo(DONE);
            assertThat(receipt.data().service()).isEqualTo(Topics.FORM_ANALYSIS);
            assertThat(receipt.data().removed()).containsExactly(Map.entry("calibrations", 0L), Map.entry("sessions", 12L));
            assertThat(receipt.data().completedAt()).isEqualTo(DONE);
        });
    }

    @Test
    void givenTheSameRequestReadAgain_whenHandled_thenTheSameReceiptIsSentAgainWithTheFirstCounts() {
        var handler = new ErasureRequestHandler(Topics.FORM_ANALYSIS, store, collect, QUICK);

        handler.handle(request("er-1", "w-42")).await().indefinitely();
        handler.handle(request("er-1", "w-42")).await().indefinitely();

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
        assertThat(sent.get(1).data().removed()).containsEntry("sessions", 12L);
        assertThat(store.erasedWearers).containsExactly("w-42");
    }

    @Test
    void givenTombstoneOrAnotherType_whenHandled_thenNothingIsErasedOrSent() {
        var handler = new ErasureRequestHandler(Topics.NOTIFICATION, store, collect, QUICK);
        Event<?> status = Event.of(EventType.BELT_STATUS, "id", EventSources.SENSOR_INGEST, "SB-1", "clinic-7", REQUESTED,
                new BeltStatus("SB-1", "clinic-7", REQUESTED, null, null, 1));

        assertThat(handler.handle(null).await().indefinitely()).isEqualTo(ErasureRequestHandler.Outcome.NOT_A_REQUEST);
        assertThat(handler.handle(status).await().indefinitely()).isEqualTo(ErasureRequestHandler.Outcome.NOT_A_REQUEST);
        assertThat(store.erasedWearers).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void givenRequestWhosePayloadNamesAnotherClinicThanItsEvent_whenHandled_thenNothingIsErasedOrSent() {
        var handler = new ErasureRequestHandler(Topics.NOTIFICATION, store, collect, QUICK);

        var outcome = handler.handle(request("er-2", "w-7", "clinic-7", "clinic-8")).await().indefinitely();

        assertThat(outcome).isEqualTo(ErasureRequestHandler.Outcome.TENANT_MISMATCH);
        assertThat(store.sessions).containsKey("w-7");
        assertThat(sent).isEmpty();
    }

    @Test
    void givenSendFailingTwice_whenHandled_thenErasureAndSendAreRetriedAndOneReceiptGoesOutWithTheFirstCounts() {
        AtomicInteger attempts = new AtomicInteger();
        ReceiptSender flaky = receipt -> attempts.incrementAndGet() <= 2
                ? Uni.createFrom().failure(new IllegalStateException("broker away"))
                : collect.send(receipt);
        var handler = new ErasureRequestHandler(Topics.SENSOR_INGEST, store, flaky, QUICK);

        var outcome = handler.handle(request("er-3", "w-42")).await().indefinitely();

        assertThat(outcome).isEqualTo(ErasureRequestHandler.Outcome.CONFIRMED);
        assertThat(attempts).hasValue(3);
        assertThat(sent).singleElement().satisfies(r -> assertThat(r.data().removed()).containsEntry("sessions", 12L));
        assertThat(store.erasedWearers).containsExactly("w-42");
    }

    @Test
    void givenParticipantThatKeepsFailing_whenHandled_thenNoReceiptAndTheFailureLeavesTheRequestUnacknowledged() {
        AtomicInteger attempts = new AtomicInteger();
        ErasureParticipant failing = request -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("database away");
        };
        var handler = new ErasureRequestHandler(Topics.SENSOR_INGEST, failing, collect, QUICK);

        assertThatThrownBy(() -> handler.handle(request("er-4", "w-42")).await().indefinitely())
                .hasMessageContaining("database away");
        assertThat(attempts).hasValue(1 + QUICK.retries());
        assertThat(sent).isEmpty();
    }

    @Test
    void givenParticipantAnsweringNothing_whenHandled_thenItFailsRatherThanSendAnEmptyReceipt() {
        var handler = new ErasureRequestHandler(Topics.SENSOR_INGEST, request -> Uni.createFrom().nullItem(), collect,
                new ErasureRetry(Duration.ofMillis(1), Duration.ofMillis(1), 0));

        assertThatThrownBy(() -> handler.handle(request("er-5", "w-42")).await().indefinitely())
                .hasMessageContaining("no result");
        assertThat(sent).isEmpty();
    }

    @Test
    void givenServiceThatIsNoParticipant_whenHandlerBuilt_thenRejectedNamingTheRegistry() {
        assertThatThrownBy(() -> new ErasureRequestHandler("billing", store, collect))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billing").hasMessageContaining("ERASURE_REQUESTS");
    }

    @Test
    void givenCountsPerStore_whenResultBuilt_thenKindsAddUpAndBadOnesAreRejected() {
        ErasureResult result = ErasureResult.builder().add("sessions", 2).add("calibrations", 1).add("sessions", 3)
                .completedAt(DONE);

        assertThat(result.removed()).containsExactly(Map.entry("calibrations", 1L), Map.entry("sessions", 5L));
        assertThat(result.total()).isEqualTo(6);
        assertThatThrownBy(() -> ErasureResult.builder().add("sessions", -1)).hasMessageContaining("sessions");
        assertThatThrownBy(() -> ErasureResult.builder().add("Raw Telemetry", 1).completedAt(DONE))
                .hasMessageContaining("Raw Telemetry");
        assertThatThrownBy(() -> ErasureResult.builder().completedAt(null)).hasMessageContaining("completedAt");
    }
}
