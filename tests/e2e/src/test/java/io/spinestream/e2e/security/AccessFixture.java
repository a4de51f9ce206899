package io.spinestream.e2e.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Belt;
import io.spinestream.e2e.client.Clinic;
import io.spinestream.e2e.client.Http;
import io.spinestream.e2e.client.Wearer;
import io.spinestream.e2e.client.WebhookSubscription;
import io.spinestream.e2e.platform.PlatformUnderTest;
import io.spinestream.e2e.telemetry.BeltTelemetry;
import io.spinestream.e2e.telemetry.Rep;
import io.spinestream.events.telemetry.TelemetryJson;

/**
 * Clinic A with one of everything its APIs can name, made through those APIs (a wearer with a belt that
 * recorded a calibration and a deadlift session, pain and exercise entries, red-flag alerts, a webhook
 * endpoint with a delivery, an erasure, …), and clinic B, whose staff, wearer and belt try to reach them.
 *
 * <p>What an admitted call changes or uses up (a retired belt, an acknowledged alert, a removed endpoint)
 * is made afresh for each admitted call; refused calls all aim at one shared target, which must stay as
 * it was.
 */
final class AccessFixture {

    static final String RED_FLAG_TYPE = "io.spinestream.journal.red-flag.v1";
    /** Subscribed by the scratch endpoints: no belt of the clinic goes silent for 15 minutes during the run. */
    static final String FLEET_TYPE = "io.spinestream.fleet.alert.v1";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Red-flag alerts needed: one to read, and for acknowledge and resolve one shared target and one per admitted role. */
    private static final int RED_FLAG_ENTRIES = 9;

    final PlatformUnderTest platform;
    final Http http;
    final ForgedCredentials forged;
    final Clinic a;
    final Clinic b;

    final Wearer wearer;
    final Wearer otherWearer;
    final Wearer wearerOfB;
    /** Erased by the admitted call of {@code DELETE /v1/wearers/{id}}. */
    final Wearer erasable;
    final String erasureId;
    /** Erased while the fixture was made: its erasure is in clinic A's audit trail, named by nobody else. */
    final String erasedWearerId;

    /** Worn by {@link #wearer}; recorded the session, the calibration and the archive. */
    final Belt belt;
    final Instant recordedFrom;
    /**
     * Worn by {@link #otherWearer}: the belt whose uploads and command stream the checks try, so that what a
     * wrongly admitted upload leaves behind shows in its own archive, not in the data the other rows read.
     */
    final Belt uploader;
    private final BeltTelemetry uploads;
    private final Map<Long, Boolean> admittedBySeq = new ConcurrentHashMap<>();
    final Belt sibling;
    final Belt foreignBelt;
    final Belt assignable;
    final Belt retirable;
    final Belt rotatable;

    final String sessionId;
    final String calibrationId;
    final String painEntryId;
    final String exerciseEntryId;
    final String otherPainEntryId;
    final String otherExerciseEntryId;

    final WebhookSubscription hooks;
    final WebhookSubscription hooksOfB;
    final String deliveryId;
    final String scratchEndpointId;

    final String alertId;
    final String acknowledgeTarget;
    final String resolveTarget;
    private final Deque<String> openAlerts;

    /** What clinic A's and clinic B's live feeds carried while clinic A's red flags were raised, then B's own. */
    final List<String> feedOfA;
    final List<String> feedOfB;

    private AccessFixture(PlatformUnderTest platform) throws InterruptedException {
        this.platform = platform;
        this.http = platform.http();
        this.forged = new ForgedCredentials(platform.jwtKeys());
        this.a = Clinic.create(platform, "security-a");
        this.b = Clinic.create(platform, "security-b");

        wearer = a.enrolWearer("Ada Access");
        otherWearer = a.enrolWearer("Otto Other");
        wearerOfB = b.enrolWearer("Bea Beyond");
        erasable = a.enrolWearer("Eve Erasable");
        Wearer erased = a.enrolWearer("Ed Erased");
        erasedWearerId = erased.id();
        erasureId = http.send("DELETE", platform.journal() + "/v1/wearers/" + erased.id(), a.token("clinic_admin"),
                "application/json", null, null).expect(202).json().path("id").asText();

        belt = a.beltWornBy(wearer);
        uploader = a.beltWornBy(otherWearer);
        sibling = a.provisionBelt();
        foreignBelt = b.provisionBelt();
        assignable = a.provisionBelt();
        retirable = a.provisionBelt();
        rotatable = a.provisionBelt();

        hooks = a.subscribe(RED_FLAG_TYPE);
        hooksOfB = b.subscribe(RED_FLAG_TYPE);
        scratchEndpointId = newEndpoint();

        // the belt calibrates, lifts twice (the second rep rounded) and stands: a calibration and a deadlift session;
        // its first sample not before the assignments (a batch goes to the wearer assigned at its first sample)
        recordedFrom = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        BeltTelemetry telemetry = new BeltTelemetry(belt.id(), recordedFrom, 1);
        uploads = new BeltTelemetry(uploader.id(), recordedFrom, 1);
        belt.upload(telemetry.still("calibration", Duration.ofSeconds(4)));
        belt.upload(telemetry.set("deadlift", List.of(Rep.clean(), Rep.rounded(25))));
        belt.upload(telemetry.still("standing", Duration.ofSeconds(1)));

        // both clinics' live feeds are watched while clinic A's red flags are raised
        FeedRecorder liveA = FeedRecorder.open(platform.notification() + "/v1/feed", a.token("clinician"));
        FeedRecorder liveB = FeedRecorder.open(platform.notification() + "/v1/feed", b.token("clinician"));
        try {
            List<String> painEntries = new ArrayList<>();
            for (int i = 0; i < RED_FLAG_ENTRIES; i++) {
                painEntries.add(a.recordPain(wearer, redFlagPain(recordedFrom.minusSeconds(60L * (i + 1)))).path("id").asText());
            }
            painEntryId = painEntries.get(0);
            exerciseEntryId = newExercise(wearer);
            otherPainEntryId = a.recordPain(otherWearer, redFlagPain(recordedFrom.minusSeconds(30))).path("id").asText();
            otherExerciseEntryId = newExercise(otherWearer);
            http.put(platform.journal() + "/v1/wearers/" + wearer.id() + "/consent", a.token("clinician"),
                    Map.of("ehrExport", true)).expect(200);

            sessionId = waitFor("the deadlift session of " + wearer.id() + " in form-analysis", () -> {
                for (JsonNode s : read(platform.analysis() + "/v1/wearers/" + wearer.id() + "/sessions").path("items")) {
                    if ("deadlift".equals(s.path("activity").asText())) {
                        return s.path("id").asText();
                    }
                }
                return null;
            });
            calibrationId = waitFor("the calibration of " + wearer.id(), () -> {
                JsonNode items = read(platform.analysis() + "/v1/wearers/" + wearer.id() + "/calibrations").path("items");
                return items.isEmpty() ? null : items.get(0).path("id").asText();
            });
            waitFor("the archived batches of " + belt, () -> http.send("GET", platform.analysis() + recording(),
                    a.token("clinician"), "application/x-ndjson", null, null).status() == 200 ? "archived" : null);
            List<String> alerts = waitFor("the " + RED_FLAG_ENTRIES + " red-flag alerts of " + wearer.id() + " in notification", () -> {
                List<String> ids = new ArrayList<>();
                read(platform.notification() + "/v1/alerts?wearerId=" + wearer.id() + "&code=saddle_numbness&limit=50")
                        .path("items").forEach(alert -> ids.add(alert.path("id").asText()));
                return ids.size() == RED_FLAG_ENTRIES ? ids : null;
            });
            alertId = alerts.get(0);
            acknowledgeTarget = alerts.get(1);
            resolveTarget = alerts.get(2);
            openAlerts = new ConcurrentLinkedDeque<>(alerts.subList(3, alerts.size()));
            // clinic A's feed carried its alerts; then clinic B's own alert is the marker after which B's feed
            // would hold any of A's it was (wrongly) given: one broadcaster hands both feeds their alerts in order
            waitFor("clinic A's red-flag alerts on its live feed", () ->
                    alerts.stream().allMatch(id -> liveA.events().stream().anyMatch(e -> e.contains(id))) ? "all" : null);
            b.recordPain(wearerOfB, redFlagPain(recordedFrom));
            String alertOfB = waitFor("clinic B's red-flag alert", () -> {
                JsonNode items = http.get(platform.notification() + "/v1/alerts?wearerId=" + wearerOfB.id(),
                        b.token("clinician")).expect(200).json().path("items");
                return items.isEmpty() ? null : items.get(0).path("id").asText();
            });
            waitFor("clinic B's alert on its live feed", () ->
                    liveB.events().stream().anyMatch(e -> e.contains(alertOfB)) ? "there" : null);
            feedOfA = liveA.events();
            feedOfB = liveB.events();
        } finally {
            liveA.close();
            liveB.close();
        }
        deliveryId = waitFor("a succeeded delivery to " + hooks, () -> {
            List<JsonNode> done = hooks.deliveryLog("succeeded");
            return done.isEmpty() ? null : done.get(0).path("id").asText();
        });
    }

    private String newExercise(Wearer of) {
        return http.post(platform.journal() + "/v1/wearers/" + of.id() + "/exercise-entries", a.token("clinician"),
                manualExercise()).expect(201).json().path("id").asText();
    }

    static AccessFixture create(PlatformUnderTest platform) throws InterruptedException {
        return new AccessFixture(platform);
    }

    // --- tokens ---------------------------------------------------------------------------------------

    /** The token of a person of clinic A ({@link Role#OWN_WEARER}: {@link #wearer}). */
    String tokenOfA(Role role) {
        return role == Role.OWN_WEARER ? platform.token(role.claim, a.id(), wearer.id()) : a.token(role.claim);
    }

    /** The token of a person of clinic B; its wearer claims the id of clinic A's {@link #wearer}. */
    String tokenOfB(Role role) {
        return platform.token(role.claim, b.id(), role == Role.OWN_WEARER ? wearer.id() : null);
    }

    /** A wearer's token of clinic B with {@code wearerId} as its subject. */
    String tokenOfBClaiming(String wearerId) {
        return platform.token(Role.OWN_WEARER.claim, b.id(), wearerId);
    }

    String ownWearerToken() {
        return tokenOfA(Role.OWN_WEARER);
    }

    String tokenOfWearerOfB() {
        return platform.token(Role.OWN_WEARER.claim, b.id(), wearerOfB.id());
    }

    String tokenOfOtherWearer() {
        return platform.token(Role.OWN_WEARER.claim, a.id(), otherWearer.id());
    }

    // --- what admitted calls use up -------------------------------------------------------------------

    /** A belt of clinic A of its own, for a call that changes it for good. */
    Belt newBelt() {
        return a.provisionBelt();
    }

    /** A webhook endpoint of clinic A of its own (never delivered to), for a call that removes it. */
    String newEndpoint() {
        return http.post(platform.notification() + "/v1/webhooks/endpoints", a.token("integrator"),
                endpointBody("scratch endpoint of " + a.id())).expect(201).json().path("id").asText();
    }

    /** An open alert of clinic A that no other call uses. */
    String newOpenAlert() {
        String id = openAlerts.poll();
        if (id == null) {
            throw new IllegalStateException("more admitted alert changes than red-flag alerts made: raise RED_FLAG_ENTRIES");
        }
        return id;
    }

    // --- request parts --------------------------------------------------------------------------------

    /** The belt's archived telemetry since the fixture began (a recording covers at most 24 h). */
    String recording() {
        return recording(belt);
    }

    String recording(Belt of) {
        return "/v1/belts/" + of.id() + "/recording?from=" + recordedFrom.minusSeconds(60) + "&to="
                + recordedFrom.plus(Duration.ofHours(1));
    }

    /** The uploader's next batch, as JSON (each call a new {@code seq}, remembered with whether it may be kept). */
    synchronized byte[] nextUpload(boolean admitted) {
        admittedBySeq.put(uploads.nextSeq(), admitted);
        return TelemetryJson.toJsonBytes(uploads.still("standing", Duration.ofSeconds(1)));
    }

    /**
     * What the refused uploads left (telemetry.md: a rejected batch is never kept, so its {@code seq} stays the
     * belt's): the belt now sends its own batch of every refused {@code seq}, then one more as the marker;
     * once clinic A's archive holds the marker (one partition per belt: all before it is archived too),
     * each refused {@code seq} must hold the belt's own batch there, and clinic B must have no recording of
     * the belt. Null when nothing was left.
     */
    String refusedUploadsKept() {
        List<Long> refused = admittedBySeq.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                .sorted().toList();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<Long, Long> ownStart = new LinkedHashMap<>();
        for (long seq : refused) {
            var own = new BeltTelemetry(uploader.id(), base.plusSeconds(2 * seq), seq).still("standing", Duration.ofSeconds(1));
            ownStart.put(seq, own.getStartedAtMs());
            uploader.uploadWith(uploader.credential(), own).expect(200);
        }
        long marker;
        synchronized (this) {
            marker = uploads.nextSeq();
            uploader.uploadWith(uploader.credential(), uploads.still("standing", Duration.ofSeconds(1))).expect(200);
        }
        Map<Long, Long> archived = waitFor("batch " + marker + " of " + uploader + " in clinic A's archive", () -> {
            Http.Reply reply = http.send("GET", platform.analysis() + recording(uploader), a.token("clinician"),
                    "application/x-ndjson", null, null);
            Map<Long, Long> startBySeq = new LinkedHashMap<>();
            if (reply.status() == 200) {
                reply.body().lines().filter(line -> !line.isBlank()).map(AccessFixture::parse)
                        .forEach(b -> startBySeq.put(b.path("seq").asLong(), Instant.parse(b.path("startedAt").asText())
                                .toEpochMilli()));
            }
            return startBySeq.containsKey(marker) ? startBySeq : null;
        });
        List<String> kept = new ArrayList<>();
        long displaced = refused.stream().filter(seq -> !ownStart.get(seq).equals(archived.get(seq))).count();
        if (displaced > 0) {
            kept.add(displaced + " refused upload(s) took the seq of the belt's own batch (answered as a duplicate, not kept)");
        }
        int inB = http.send("GET", platform.analysis() + recording(uploader), b.token("clinician"), "application/x-ndjson",
                null, null).status();
        if (inB != 404) {
            kept.add("clinic B has a recording of clinic A's belt (" + inB + ")");
        }
        return kept.isEmpty() ? null : String.join("; ", kept);
    }

    private static JsonNode parse(String ndjsonLine) {
        try {
            return Request.JSON.readTree(ndjsonLine);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a batch: " + ndjsonLine, e);
        }
    }

    Map<String, Object> endpointBody(String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", platform.receiver().url("scratch-" + a.id()));
        body.put("description", description);
        body.put("eventTypes", List.of(FLEET_TYPE));
        body.put("digest", Map.of("enabled", false));
        return body;
    }

    static Map<String, Object> redFlagPain(Instant at) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", at.toString());
        entry.put("locations", List.of("lower_back_central"));
        entry.put("qualities", List.of("aching"));
        entry.put("intensity", 4);
        entry.put("onset", "next_day");
        entry.put("symptoms", List.of("saddle_numbness"));
        return entry;
    }

    static Map<String, Object> manualExercise() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("exercise", "squat");
        entry.put("startedAt", Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS).toString());
        entry.put("durationMinutes", 30);
        entry.put("sets", 3);
        entry.put("reps", 10);
        return entry;
    }

    static String newBeltId() {
        return "SB-SEC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    // --- reading as clinic A's staff --------------------------------------------------------------------

    /** A read by the clinic's clinician (or, for what clinicians may not read, the given role). */
    JsonNode read(String url) {
        return http.get(url, a.token("clinician")).expect(200).json();
    }

    /** What an allowed caller of clinic A reads at {@code url}: status and body, to compare before and after. */
    String state(String url, String role) {
        Http.Reply reply = http.get(url, a.token(role));
        return reply.status() + " " + reply.body();
    }

    private static <T> T waitFor(String what, Supplier<T> found) {
        return patiently(what).until(found::get, value -> value != null);
    }

    private static ConditionFactory patiently(String what) {
        return Awaitility.await(what).atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions();
    }
}
