package io.spinestream.journal.exercise;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.support.JournalApi;
import io.spinestream.journal.support.SummaryPublisher;
import io.spinestream.journal.support.TopicReader;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.get;
import static io.spinestream.journal.support.JournalApi.post;
import static io.spinestream.journal.support.JournalApi.wearerToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ExerciseLogTest {

    private static final String CLINIC = "clinic-a";

    private static String entries(String wearer) {
        return "/v1/wearers/" + wearer + "/exercise-entries";
    }

    private static List<String> sessionIds(String wearer) {
        return get(clinician(CLINIC), entries(wearer) + "?source=belt").statusCode(200)
                .extract().jsonPath().getList("items.sessionId", String.class);
    }

    @Test
    void givenTheSameSessionSummaryDeliveredTwice_whenConsumed_thenOneLogEntry() {
        String wearer = createWearer(CLINIC, Map.of("timeZone", "UTC"));
        Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        var summary = SummaryPublisher.summary(CLINIC, wearer, "SB-000123", 1842, "deadlift", start,
                Duration.ofMinutes(4), 2, 9.5, 50, Map.of("ROUNDED_BACK", 1));
        var marker = SummaryPublisher.summary(CLINIC, wearer, "SB-000123", 1900, "plank", start.plusSeconds(600),
                Duration.ofMinutes(2), 0, 60, 100, Map.of());

        try (SummaryPublisher publisher = new SummaryPublisher()) {
            publisher.publish(summary);
            publisher.publish(summary);
            // Same belt, same partition: once the marker is in, both deliveries before it were handled.
            publisher.publish(marker);
        }
        String sessionId = summary.dataAs(io.spinestream.events.payload.SessionSummary.class).sessionId();
        String markerId = marker.dataAs(io.spinestream.events.payload.SessionSummary.class).sessionId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sessionIds(wearer)).contains(markerId));

        assertThat(sessionIds(wearer)).containsExactly(markerId, sessionId);
        get(clinician(CLINIC), entries(wearer) + "/" + sessionId).statusCode(200)
                .body("source", equalTo("belt"))
                .body("beltId", equalTo("SB-000123"))
                .body("activity", equalTo("deadlift"))
                .body("reps", equalTo(2))
                .body("formScore", equalTo(50))
                .body("faults.ROUNDED_BACK", equalTo(1))
                .body("volumeMinutes", equalTo(0.2f))
                .body("repMetrics", hasSize(2))
                .body("recordedBy", equalTo("form-analysis"));
    }

    @Test
    void givenSummaryWithoutWearerOrOfAnotherClinic_whenConsumed_thenNotLogged() {
        String wearer = createWearer(CLINIC);
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        var foreign = SummaryPublisher.summary("clinic-b", wearer, "SB-000777", 1, "squat", start,
                Duration.ofMinutes(3), 5, 20, 80, Map.of());
        var marker = SummaryPublisher.summary(CLINIC, wearer, "SB-000777", 50, "squat", start.plusSeconds(900),
                Duration.ofMinutes(3), 5, 20, 80, Map.of());
        try (SummaryPublisher publisher = new SummaryPublisher()) {
            publisher.publish(foreign);
            publisher.publish(marker);
        }
        String markerId = marker.dataAs(io.spinestream.events.payload.SessionSummary.class).sessionId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sessionIds(wearer)).contains(markerId));
        assertThat(sessionIds(wearer)).containsExactly(markerId);
    }

    @Test
    void givenManualEntry_whenRecordedByTheWearer_then201AndListedWithItsDetails() {
        String wearer = createWearer(CLINIC);
        Instant start = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = post(wearerToken(CLINIC, wearer), entries(wearer), Map.of("exercise", "squat", "startedAt",
                start.toString(), "durationMinutes", 40, "sets", 3, "reps", 10, "loadKg", 60, "rpe", 7,
                "equipment", "barbell"))
                .statusCode(201)
                .body("source", equalTo("manual"))
                .body("volumeMinutes", equalTo(40.0f))
                .body("endedAt", equalTo(start.plus(40, ChronoUnit.MINUTES).toString()))
                .extract().path("id");
        get(wearerToken(CLINIC, wearer), entries(wearer) + "?source=manual&activity=squat").statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].rpe", equalTo(7))
                .body("items[0].loadKg", equalTo(60.0f))
                .body("items[0].equipment", equalTo("barbell"));
        get(wearerToken(CLINIC, wearer), entries(wearer) + "?source=belt").statusCode(200).body("items", empty());
    }

    @Test
    void givenInvalidManualEntries_then400NamingTheField() {
        String wearer = createWearer(CLINIC);
        String at = Instant.now().minus(2, ChronoUnit.HOURS).toString();
        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "squat", "startedAt", at, "durationMinutes", 30, "rpe", 11))
                .statusCode(400).body("violations.field", hasItem("rpe"));
        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "juggling", "startedAt", at, "durationMinutes", 30))
                .statusCode(400).body("violations.field", hasItem("exercise"));
        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "other", "startedAt", at, "durationMinutes", 30))
                .statusCode(400).body("violations[0].field", equalTo("name"));
        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "squat", "startedAt", at, "durationMinutes", 0))
                .statusCode(400).body("violations.field", hasItem("durationMinutes"));
        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "squat", "startedAt",
                Instant.now().plus(1, ChronoUnit.HOURS).toString(), "durationMinutes", 30))
                .statusCode(400).body("violations[0].field", equalTo("startedAt"));
    }

    /** Monday 06:00 UTC of the week {@code weeksAgo} weeks before this one. */
    private static Instant monday(int weeksAgo) {
        return LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(weeksAgo).atTime(6, 0).toInstant(ZoneOffset.UTC);
    }

    @Test
    void givenLastWeeksVolume_whenThisWeeksEntryPassesItBy10Point1Percent_thenWarningRaisedAtOnceAndPublished() {
        String wearer = createWearer(CLINIC, Map.of("timeZone", "UTC"));
        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "walking", "startedAt", monday(2).toString(),
                "durationMinutes", 100)).statusCode(201);
        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "walking", "startedAt", monday(1).toString(),
                "durationMinutes", 110)).statusCode(201);
        get(clinician(CLINIC), "/v1/wearers/" + wearer + "/alerts?kind=advisory").body("code", empty());

        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "walking",
                "startedAt", monday(1).plus(1, ChronoUnit.DAYS).toString(), "durationMinutes", 1)).statusCode(201);

        get(clinician(CLINIC), "/v1/wearers/" + wearer + "/alerts?kind=advisory").statusCode(200)
                .body("code", contains("WEEKLY_VOLUME_SPIKE"))
                .body("[0].severity", equalTo("warning"))
                .body("[0].value", equalTo(11.0f))
                .body("[0].limit", equalTo(10.0f))
                .body("[0].unit", equalTo("%"));
        try (TopicReader alerts = new TopicReader(Topics.ALERTS.name())) {
            var records = alerts.awaitFor(wearer, found -> !found.isEmpty());
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.value().type()).isEqualTo(EventType.JOURNAL_ADVISORY);
                Alert alert = r.value().dataAs(Alert.class);
                assertThat(alert.code()).isEqualTo("WEEKLY_VOLUME_SPIKE");
                assertThat(alert.severity()).isEqualTo(Severity.WARNING);
                assertThat(r.value().id()).isEqualTo(EventIds.of(EventType.JOURNAL_ADVISORY, wearer,
                        alert.details().get("cause"), "WEEKLY_VOLUME_SPIKE"));
            });
        }
    }

    @Test
    void givenTwoDeadliftSessionsOneDayApart_whenTheSecondArrivesFromTheBelt_thenStrengthSpacingAdvisory() {
        String wearer = createWearer(CLINIC, Map.of("timeZone", "UTC"));
        Instant yesterday = Instant.now().minus(26, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        post(clinician(CLINIC), entries(wearer), Map.of("exercise", "deadlift", "startedAt", yesterday.toString(),
                "durationMinutes", 20)).statusCode(201);
        var today = SummaryPublisher.summary(CLINIC, wearer, "SB-000999", 7, "deadlift",
                yesterday.plus(24, ChronoUnit.HOURS), Duration.ofMinutes(5), 5, 30, 100, Map.of());
        try (SummaryPublisher publisher = new SummaryPublisher()) {
            publisher.publish(today);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(clinician(CLINIC), "/v1/wearers/" + wearer + "/alerts?kind=advisory").statusCode(200)
                        .body("code", contains("STRENGTH_SESSIONS_TOO_CLOSE"))
                        .body("[0].value", equalTo(23.7f))
                        .body("[0].limit", equalTo(48.0f)));
    }

    @Test
    void givenEntriesOnSeveralPages_whenPaged_thenNewestFirstWithoutRepeats() {
        String wearer = createWearer(CLINIC);
        for (int i = 0; i < 5; i++) {
            post(clinician(CLINIC), entries(wearer), Map.of("exercise", "cycling", "startedAt",
                    Instant.now().minus(10 - i, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString(),
                    "durationMinutes", 30)).statusCode(201);
        }
        var first = JournalApi.as(clinician(CLINIC)).queryParam("limit", 2).when().get(entries(wearer))
                .then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        var second = JournalApi.as(clinician(CLINIC)).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get(entries(wearer)).then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        var third = JournalApi.as(clinician(CLINIC)).queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor"))
                .when().get(entries(wearer)).then().statusCode(200).body("items", hasSize(1)).extract().jsonPath();
        assertThat(third.getString("nextCursor")).isNull();
        List<String> starts = new java.util.ArrayList<>(first.getList("items.startedAt", String.class));
        starts.addAll(second.getList("items.startedAt", String.class));
        starts.addAll(third.getList("items.startedAt", String.class));
        assertThat(starts).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
}
