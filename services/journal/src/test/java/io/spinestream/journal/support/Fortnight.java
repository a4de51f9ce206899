package io.spinestream.journal.support;

import io.spinestream.events.payload.SessionSummary;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.get;
import static io.spinestream.journal.support.JournalApi.painEntry;
import static io.spinestream.journal.support.JournalApi.post;
import static io.spinestream.journal.support.JournalApi.postPain;
import static io.spinestream.journal.support.JournalApi.put;
import static io.spinestream.journal.support.JournalApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A seeded fortnight (two whole ISO weeks, in UTC, three and two weeks ago) whose numbers the
 * report and export tests know:
 *
 * <pre>
 * week 1: Mon walk 60 min (manual); Wed deadlift belt session, 10 reps, 2 min under load, form 70, ROUNDED_BACK ×3
 *         pain Mon 2, Tue 3 (aching, 14 h after), Thu 6 (sharp, during), Sat 2           → 4 entries, mean 3.3
 * week 2: Mon walk 70 min (manual, passes week 1 + 10 % = 68.2 min → WEEKLY_VOLUME_SPIKE);
 *         Wed deadlift belt session, 12 reps, 3 min under load, form 90, ROUNDED_BACK ×1, TWIST_UNDER_LOAD ×1;
 *         Fri squat 20 min (manual, RPE 7)
 *         pain Tue 4, Thu 9 with numbness (red flags numbness + severe pain), Sun 1         → 3 entries, mean 4.7
 * volume: week 1 62.0 min, week 2 93.0 min (+50.0 %); form score 70 → 90; 7 entries, mean 3.9, max 9
 * </pre>
 */
public final class Fortnight {

    public final String clinic;
    public final String wearer;
    /** The clinic's own reference to the wearer. */
    public final String externalRef;
    public final LocalDate from;
    public final LocalDate to;
    public String redFlagEntryId;

    private Fortnight(String clinic, String wearer, String externalRef, LocalDate from) {
        this.clinic = clinic;
        this.wearer = wearer;
        this.externalRef = externalRef;
        this.from = from;
        this.to = from.plusDays(13);
    }

    private Instant at(int day, int hour) {
        return from.plusDays(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    public static Fortnight seed(String clinic) {
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(3);
        String externalRef = Ids.unique("MRN");
        String wearer = createWearer(clinic, Map.of("timeZone", "UTC", "birthYear", 1980, "displayName", "Alex Sample",
                "externalRef", externalRef, "conditions", List.of("disc_herniation"), "limits", Map.of("flexionDeg", 18)));
        Fortnight f = new Fortnight(clinic, wearer, externalRef, monday);
        put(clinician(clinic), "/v1/wearers/" + wearer + "/consent", Map.of("ehrExport", true)).statusCode(200);
        String token = clinician(clinic);
        String exercise = "/v1/wearers/" + wearer + "/exercise-entries";

        post(token, exercise, Map.of("exercise", "walking", "startedAt", f.at(0, 7).toString(), "durationMinutes", 60))
                .statusCode(201);
        // A belt of its own: session ids derive from belt and seq, and are unique across the platform.
        String belt = "SB-" + Integer.toHexString(wearer.hashCode()).toUpperCase(java.util.Locale.ROOT);
        var first = SummaryPublisher.summary(clinic, wearer, belt, 100, "deadlift", f.at(2, 18),
                Duration.ofMinutes(20), 10, 120, 70, Map.of("ROUNDED_BACK", 3));
        var second = SummaryPublisher.summary(clinic, wearer, belt, 200, "deadlift", f.at(9, 18),
                Duration.ofMinutes(25), 12, 180, 90, Map.of("ROUNDED_BACK", 1, "TWIST_UNDER_LOAD", 1));
        try (SummaryPublisher publisher = new SummaryPublisher()) {
            publisher.publish(first);
            publisher.publish(second);
        }
        String secondId = second.dataAs(SessionSummary.class).sessionId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(token, exercise + "?source=belt")
                .statusCode(200).extract().jsonPath().getList("items.id", String.class)).contains(secondId));
        post(token, exercise, Map.of("exercise", "walking", "startedAt", f.at(7, 7).toString(), "durationMinutes", 70))
                .statusCode(201);
        post(token, exercise, Map.of("exercise", "squat", "startedAt", f.at(11, 17).toString(), "durationMinutes", 20,
                "sets", 3, "reps", 8, "loadKg", 40, "rpe", 7)).statusCode(201);

        postPain(token, wearer, painEntry(f.at(0, 20), with("intensity", 2, "onset", "unrelated", "onsetHours", null)))
                .statusCode(201);
        postPain(token, wearer, painEntry(f.at(1, 8), Map.of("intensity", 3, "onsetHours", 14))).statusCode(201);
        postPain(token, wearer, painEntry(f.at(3, 8), with("intensity", 6, "onset", "during", "onsetHours", null,
                "qualities", List.of("sharp")))).statusCode(201);
        postPain(token, wearer, painEntry(f.at(5, 8), with("intensity", 2, "onset", "unrelated", "onsetHours", null)))
                .statusCode(201);
        postPain(token, wearer, painEntry(f.at(8, 8), Map.of("intensity", 4))).statusCode(201);
        f.redFlagEntryId = postPain(token, wearer, painEntry(f.at(10, 8), Map.of("intensity", 9,
                "symptoms", List.of("numbness"), "note", "woke up with it"))).statusCode(201).extract().path("id");
        postPain(token, wearer, painEntry(f.at(13, 8), with("intensity", 1, "onset", "unrelated", "onsetHours", null)))
                .statusCode(201);
        return f;
    }

    public String query() {
        return "?from=" + from + "&to=" + to;
    }
}
