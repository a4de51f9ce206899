package io.spinestream.journal.pain;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.support.JournalApi;
import io.spinestream.journal.support.TopicReader;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.get;
import static io.spinestream.journal.support.JournalApi.painEntry;
import static io.spinestream.journal.support.JournalApi.postPain;
import static io.spinestream.journal.support.JournalApi.wearerToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class PainJournalTest {

    private static final String CLINIC = "clinic-a";

    private static Instant hoursAgo(long hours) {
        return Instant.now().minus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void givenWearer_whenSaddleNumbnessRecorded_thenExactlyOneCriticalAlertIsPublishedForTheEntry() {
        String wearer = createWearer(CLINIC);
        String flagged = postPain(wearerToken(CLINIC, wearer), wearer, painEntry(hoursAgo(3),
                Map.of("intensity", 6, "symptoms", List.of("saddle_numbness", "fever"))))
                .statusCode(201)
                .body("redFlags.code", contains("saddle_numbness", "fever"))
                .body("redFlags[0].severity", equalTo("critical"))
                .extract().path("id");
        // A later entry with its own red flag: once its alert is on the topic, everything before it is too
        // (same key, same partition, published in order).
        String marker = postPain(wearerToken(CLINIC, wearer), wearer, painEntry(hoursAgo(2), Map.of("intensity", 9)))
                .statusCode(201).extract().path("id");

        try (TopicReader alerts = new TopicReader(Topics.ALERTS.name())) {
            var records = alerts.awaitFor(wearer, found -> found.stream()
                    .anyMatch(r -> r.value().dataAs(Alert.class).details().get("entryId").equals(marker)));
            var forEntry = records.stream()
                    .filter(r -> flagged.equals(r.value().dataAs(Alert.class).details().get("entryId"))).toList();
            assertThat(forEntry).hasSize(1);
            var event = forEntry.get(0).value();
            Alert alert = event.dataAs(Alert.class);
            assertThat(event.type()).isEqualTo(EventType.JOURNAL_RED_FLAG);
            assertThat(event.source()).isEqualTo(EventSources.JOURNAL);
            assertThat(event.subject()).isEqualTo(wearer);
            assertThat(event.clinicId()).isEqualTo(CLINIC);
            assertThat(event.id()).isEqualTo(EventIds.of(EventType.JOURNAL_RED_FLAG, flagged, "saddle_numbness"));
            assertThat(alert.alertId()).isEqualTo(event.id());
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.code()).isEqualTo("saddle_numbness");
            assertThat(alert.wearerId()).isEqualTo(wearer);
            assertThat(alert.beltId()).isNull();
            assertThat(alert.reason()).contains("medical emergency");
            assertThat(alert.details()).containsEntry("flags", "saddle_numbness,fever");
            var markerAlert = records.stream()
                    .filter(r -> marker.equals(r.value().dataAs(Alert.class).details().get("entryId"))).toList();
            assertThat(markerAlert).singleElement()
                    .satisfies(r -> assertThat(r.value().dataAs(Alert.class).severity()).isEqualTo(Severity.WARNING));
        }
        get(clinician(CLINIC), "/v1/wearers/" + wearer + "/alerts?kind=red_flag").statusCode(200)
                .body("code", contains("severe_pain", "saddle_numbness"));
    }

    @Test
    void givenDomsEntry_whenRecorded_thenNormalSorenessWithItsRuleAndNoRedFlag() {
        String wearer = createWearer(CLINIC);
        Map<String, Object> body = new HashMap<>(painEntry(hoursAgo(1), Map.of()));
        body.putAll(Map.of("worseAt", List.of("morning"), "triggers", List.of("bending"), "triggersText", "tying shoes",
                "relievingFactors", List.of("heat", "movement"), "relievingText", "a walk",
                "treatments", List.of(Map.of("kind", "medication", "name", "ibuprofen", "dose", "400 mg", "effect", "improved")),
                "mood", 6, "stress", 3, "note", "after leg day"));

        postPain(wearerToken(CLINIC, wearer), wearer, body).statusCode(201)
                .header("Location", startsWith("http"))
                .body("intensity", equalTo(3))
                .body("redFlags", empty())
                .body("assessment.kind", equalTo("NORMAL_SORENESS"))
                .body("assessment.rule", equalTo("SORENESS_NORMAL_DOMS"))
                .body("treatments[0].name", equalTo("ibuprofen"))
                .body("treatments[0].effect", equalTo("improved"))
                .body("relievingFactors", contains("heat", "movement"))
                .body("mood", equalTo(6))
                .body("recordedBy", equalTo(wearer));
    }

    @Test
    void givenSharpPainDuringExercise_whenRecordedByClinician_thenConcerningSayingWhy() {
        String wearer = createWearer(CLINIC);
        postPain(clinician(CLINIC), wearer, painEntry(hoursAgo(1), JournalApi.with("onset", "during", "onsetHours", null,
                "qualities", List.of("sharp"))))
                .statusCode(201)
                .body("assessment.kind", equalTo("CONCERNING"))
                .body("assessment.rule", equalTo("SORENESS_CONCERNING_ONSET_DURING"))
                .body("assessment.reason", startsWith("concerning pain: began during exercise"));
    }

    @Test
    void givenWearerBornOver50YearsAgo_whenFirstBackPainRecorded_thenWarningOnce() {
        String wearer = createWearer(CLINIC, Map.of("birthYear", java.time.Year.now().getValue() - 51));

        postPain(wearerToken(CLINIC, wearer), wearer, painEntry(hoursAgo(30), Map.of("locations", List.of("neck"))))
                .statusCode(201).body("redFlags", empty());
        postPain(wearerToken(CLINIC, wearer), wearer, painEntry(hoursAgo(20), Map.of()))
                .statusCode(201).body("redFlags.code", contains("new_back_pain_over_50"));
        postPain(wearerToken(CLINIC, wearer), wearer, painEntry(hoursAgo(10), Map.of()))
                .statusCode(201).body("redFlags", empty());
    }

    @Test
    void givenPainOnEachOf15Days_whenRecorded_thenOnePersistenceAdvisoryNotOnePerDay() {
        String wearer = createWearer(CLINIC, Map.of("timeZone", "UTC"));
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS);
        for (int d = 16; d >= 2; d--) {
            postPain(wearerToken(CLINIC, wearer), wearer, painEntry(today.minus(d, ChronoUnit.DAYS),
                    JournalApi.with("onset", "unrelated", "onsetHours", null))).statusCode(201);
            int recordedDays = 17 - d;
            get(clinician(CLINIC), "/v1/wearers/" + wearer + "/alerts?kind=advisory").statusCode(200)
                    .body("code", hasSize(recordedDays < 15 ? 0 : 1));
        }
        postPain(wearerToken(CLINIC, wearer), wearer, painEntry(today.minus(1, ChronoUnit.DAYS),
                JournalApi.with("onset", "unrelated", "onsetHours", null))).statusCode(201);

        get(clinician(CLINIC), "/v1/wearers/" + wearer + "/alerts?kind=advisory").statusCode(200)
                .body("code", contains("PAIN_PERSISTENT"))
                .body("[0].severity", equalTo("warning"))
                .body("[0].rule", equalTo("PERSISTENT_PAIN"))
                .body("[0].reason", startsWith("pain recorded on 15 of 15 days"));
    }

    @Test
    void givenInvalidEntries_whenRecorded_then400NamingTheField() {
        String wearer = createWearer(CLINIC);
        String token = wearerToken(CLINIC, wearer);
        postPain(token, wearer, painEntry(hoursAgo(1), Map.of("intensity", 11))).statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("intensity"));
        postPain(token, wearer, painEntry(hoursAgo(1), Map.of("locations", List.of("elbow")))).statusCode(400)
                .body("violations.field", hasItem(startsWith("locations")));
        postPain(token, wearer, painEntry(hoursAgo(1), Map.of("locations", List.of()))).statusCode(400)
                .body("violations.field", hasItem("locations"));
        postPain(token, wearer, painEntry(hoursAgo(1), JournalApi.with("onsetHours", null))).statusCode(400)
                .body("violations[0].field", equalTo("onsetHours"));
        postPain(token, wearer, painEntry(hoursAgo(1), Map.of("onset", "next_day"))).statusCode(400)
                .body("violations[0].field", equalTo("onsetHours"));
        postPain(token, wearer, painEntry(Instant.now().plus(1, ChronoUnit.HOURS), Map.of())).statusCode(400)
                .body("violations[0].field", equalTo("at"));
        postPain(token, wearer, painEntry(hoursAgo(1), Map.of("exerciseEntryId", "no-such-entry"))).statusCode(400)
                .body("violations[0].field", equalTo("exerciseEntryId"));
        postPain(token, wearer, painEntry(hoursAgo(1), Map.of("treatments", List.of(Map.of("kind", "pill", "name", "x")))))
                .statusCode(400).body("violations.field", hasItem(startsWith("treatments[0].kind")));
        get(clinician(CLINIC), "/v1/wearers/" + wearer + "/pain-entries").statusCode(200).body("items", empty());
    }

    @Test
    void givenTwoWearers_whenOneReadsOrWritesTheOthersJournal_then404AsIfAbsent() {
        String mine = createWearer(CLINIC);
        String theirs = createWearer(CLINIC);
        String theirEntry = postPain(wearerToken(CLINIC, theirs), theirs, painEntry(hoursAgo(1), Map.of()))
                .statusCode(201).extract().path("id");

        get(wearerToken(CLINIC, mine), "/v1/wearers/" + theirs + "/pain-entries").statusCode(404)
                .contentType("application/problem+json");
        get(wearerToken(CLINIC, mine), "/v1/wearers/" + theirs + "/pain-entries/" + theirEntry).statusCode(404);
        get(wearerToken(CLINIC, mine), "/v1/wearers/" + mine + "/pain-entries/" + theirEntry).statusCode(404);
        postPain(wearerToken(CLINIC, mine), theirs, painEntry(hoursAgo(1), Map.of())).statusCode(404);
        get(wearerToken(CLINIC, mine), "/v1/wearers/" + theirs + "/insights").statusCode(404);
        get(wearerToken(CLINIC, mine), "/v1/wearers/" + theirs + "/alerts").statusCode(404);
        get(wearerToken(CLINIC, theirs), "/v1/wearers/" + theirs + "/pain-entries").statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void givenEntriesOfSeveralKinds_whenFilteredAndPaged_thenEachPageNewestFirstAndNothingTwice() {
        String wearer = createWearer(CLINIC);
        String token = wearerToken(CLINIC, wearer);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(postPain(token, wearer, painEntry(hoursAgo(70 - i * 10), Map.of(
                    "intensity", i, "locations", List.of(i % 2 == 0 ? "lower_back_left" : "neck"),
                    "qualities", List.of(i < 4 ? "aching" : "burning")))).statusCode(201).extract().path("id"));
        }
        get(token, "/v1/wearers/" + wearer + "/pain-entries?location=neck").statusCode(200)
                .body("items.id", contains(ids.get(5), ids.get(3), ids.get(1)));
        get(token, "/v1/wearers/" + wearer + "/pain-entries?quality=burning&minIntensity=5").statusCode(200)
                .body("items.id", contains(ids.get(6), ids.get(5)));
        get(token, "/v1/wearers/" + wearer + "/pain-entries?maxIntensity=1").statusCode(200)
                .body("items.intensity", contains(1, 0));
        get(token, "/v1/wearers/" + wearer + "/pain-entries?from=" + hoursAgo(45) + "&to=" + hoursAgo(25)).statusCode(200)
                .body("items.id", contains(ids.get(4), ids.get(3)));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = JournalApi.as(token).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/v1/wearers/" + wearer + "/pain-entries").then().statusCode(200)
                    .body("items", notNullValue()).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        get(token, "/v1/wearers/" + wearer + "/pain-entries?cursor=bm9wZQ").statusCode(400)
                .body("violations[0].field", equalTo("cursor"));
        get(token, "/v1/wearers/" + wearer + "/pain-entries?from=yesterday").statusCode(400)
                .body("violations[0].field", equalTo("from"));
        get(token, "/v1/wearers/" + wearer + "/pain-entries?location=elbow").statusCode(400);
    }
}
