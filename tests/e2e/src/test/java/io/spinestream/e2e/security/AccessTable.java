package io.spinestream.e2e.security;

import static io.spinestream.e2e.security.Role.ADMIN;
import static io.spinestream.e2e.security.Role.CLINICIAN;
import static io.spinestream.e2e.security.Role.CLINIC_ADMIN;
import static io.spinestream.e2e.security.Role.INTEGRATOR;
import static io.spinestream.e2e.security.Role.OWN_BELT;
import static io.spinestream.e2e.security.Role.OWN_WEARER;
import static io.spinestream.e2e.security.Scope.CLINIC_ITEMS;
import static io.spinestream.e2e.security.Scope.CREATES;
import static io.spinestream.e2e.security.Scope.RESOURCE;
import static io.spinestream.e2e.security.Scope.WEARER_DATA;
import static io.spinestream.e2e.security.Service.ANALYSIS;
import static io.spinestream.e2e.security.Service.INGEST;
import static io.spinestream.e2e.security.Service.JOURNAL;
import static io.spinestream.e2e.security.Service.NOTIFICATION;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.spinestream.e2e.client.Belt;

/**
 * Every operation of every service and who may call it, from the services' documentation
 * (security.md, ingest.md, form-analysis.md, journal.md, webhooks.md, privacy.md; the notification
 * alert API, which no page describes, as its resource declares it). A new endpoint needs a row here:
 * {@link EndpointSecurityIT} fails for any operation of a live OpenAPI document that has none.
 *
 * <p>Each row's request is valid for an admitted caller of clinic A (the suite checks that it gets its
 * 2xx), so that every refusal of the same request means what it says.
 */
final class AccessTable {

    /**
     * The clinic claim is the tenant, compared as the exact string: a differently spelt claim (here in quotes)
     * is another clinic. Tried once per service, on one read, because every service takes the claim through the
     * same libs/platform code.
     */
    private static final String QUOTED = "clinician whose clinic claim is clinic A's id in quotes";

    private AccessTable() {
    }

    static List<Operation> operations() {
        return List.of(
                // --- sensor-ingest (ingest.md, "Who may call what") -------------------------------------
                Operation.of(INGEST, "GET", "/v1/belts").roles(ADMIN, CLINIC_ADMIN, CLINICIAN).scope(CLINIC_ITEMS)
                        .answers(200).lists(f -> f.belt.id())
                        .request((f, admitted) -> Request.get("/v1/belts?limit=500")).done(),
                Operation.of(INGEST, "POST", "/v1/belts").roles(ADMIN, CLINIC_ADMIN).scope(CREATES).answers(201)
                        .request((f, admitted) -> {
                            String id = AccessFixture.newBeltId();
                            return Request.json("/v1/belts", Map.of("id", id, "model", "SB2", "firmware", "2.3.1"))
                                    .changes(() -> f.state(f.platform.ingest() + "/v1/belts/" + id, "clinic_admin"));
                        }).done(),
                Operation.of(INGEST, "POST", "/v1/belts:bulk").roles(ADMIN, CLINIC_ADMIN).scope(CREATES).answers(201)
                        .request((f, admitted) -> {
                            String id = AccessFixture.newBeltId();
                            return Request.json("/v1/belts:bulk", Map.of("belts", List.of(Map.of("id", id, "model", "SB2"))))
                                    .changes(() -> f.state(f.platform.ingest() + "/v1/belts/" + id, "clinic_admin"));
                        }).done(),
                Operation.of(INGEST, "GET", "/v1/belts/{id}").roles(ADMIN, CLINIC_ADMIN, CLINICIAN).scope(RESOURCE)
                        .answers(200).request((f, admitted) -> Request.get("/v1/belts/" + f.belt.id()))
                        .crossing(QUOTED, f -> f.forged.clinicInQuotes("clinician", f.a.id()),
                                f -> Request.get("/v1/belts/" + f.belt.id()))
                        .done(),
                Operation.of(INGEST, "DELETE", "/v1/belts/{id}").roles(ADMIN, CLINIC_ADMIN).scope(RESOURCE).answers(204)
                        .request((f, admitted) -> {
                            Belt target = admitted ? f.newBelt() : f.retirable;
                            return Request.empty("/v1/belts/" + target.id())
                                    .changes(() -> f.state(f.platform.ingest() + "/v1/belts/" + target.id(), "clinic_admin"));
                        }).done(),
                Operation.of(INGEST, "GET", "/v1/belts/{id}/assignments").roles(ADMIN, CLINIC_ADMIN, CLINICIAN)
                        .scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/belts/" + f.belt.id() + "/assignments")).done(),
                Operation.of(INGEST, "PUT", "/v1/belts/{id}/wearer").roles(ADMIN, CLINIC_ADMIN).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> {
                            Belt target = admitted ? f.newBelt() : f.assignable;
                            return Request.json("/v1/belts/" + target.id() + "/wearer", Map.of("wearerId", f.otherWearer.id()))
                                    .changes(() -> f.state(f.platform.ingest() + "/v1/belts/" + target.id() + "/assignments",
                                            "clinic_admin"));
                        }).done(),
                Operation.of(INGEST, "POST", "/v1/belts/{id}/credential").roles(ADMIN, CLINIC_ADMIN).scope(RESOURCE)
                        .answers(200)
                        .request((f, admitted) -> {
                            Belt target = admitted ? f.newBelt() : f.rotatable;
                            // the credential still opens the belt's command stream: it was not rotated away
                            return Request.empty("/v1/belts/" + target.id() + "/credential")
                                    .changes(() -> "stream " + f.http.openEventStream(f.platform.ingest() + "/v1/belts/"
                                            + target.id() + "/commands", target.credential(), Duration.ofSeconds(5)).status());
                        }).done(),
                Operation.of(INGEST, "POST", "/v1/telemetry").roles(OWN_BELT).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.empty("/v1/telemetry")
                                .body("application/json", f.nextUpload(admitted)))
                        .observes("refused uploads left nothing, in clinic A or in clinic B", AccessFixture::refusedUploadsKept)
                        .done(),
                Operation.of(INGEST, "GET", "/v1/belts/{id}/commands").roles(OWN_BELT).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.eventStream("/v1/belts/" + f.uploader.id() + "/commands")).done(),

                // --- form-analysis (form-analysis.md, "HTTP API": staff, own wearer) -----------------------
                Operation.of(ANALYSIS, "GET", "/v1/wearers/{wearerId}/sessions")
                        .roles(ADMIN, CLINIC_ADMIN, CLINICIAN, OWN_WEARER).scope(WEARER_DATA).answers(200)
                        .lists(f -> f.sessionId)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/sessions")).done(),
                Operation.of(ANALYSIS, "GET", "/v1/sessions/{id}").roles(ADMIN, CLINIC_ADMIN, CLINICIAN, OWN_WEARER)
                        .scope(RESOURCE).answers(200).request((f, admitted) -> Request.get("/v1/sessions/" + f.sessionId))
                        .crossing(QUOTED, f -> f.forged.clinicInQuotes("clinician", f.a.id()),
                                f -> Request.get("/v1/sessions/" + f.sessionId))
                        .done(),
                Operation.of(ANALYSIS, "GET", "/v1/wearers/{wearerId}/calibrations")
                        .roles(ADMIN, CLINIC_ADMIN, CLINICIAN, OWN_WEARER).scope(WEARER_DATA).answers(200)
                        .lists(f -> f.calibrationId)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/calibrations")).done(),
                Operation.of(ANALYSIS, "GET", "/v1/belts/{beltId}/recording").roles(ADMIN, CLINIC_ADMIN, CLINICIAN, OWN_WEARER)
                        .scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get(f.recording()).accept("application/x-ndjson")).done(),
                Operation.of(ANALYSIS, "POST", "/v1/wearers/{wearerId}/backtest").roles(ADMIN, CLINIC_ADMIN, CLINICIAN)
                        .scope(WEARER_DATA).answers(200).lists(f -> f.sessionId)
                        .request((f, admitted) -> Request.json("/v1/wearers/" + f.wearer.id() + "/backtest", Map.of(
                                "from", f.recordedFrom.minusSeconds(60).toString(),
                                "to", f.recordedFrom.plus(Duration.ofHours(1)).toString(),
                                "conditions", List.of("disc_herniation"),
                                "limits", Map.of("flexionDeg", 15)))).done(),

                // --- journal (journal.md, "API"; privacy.md for erasure) ---------------------------------
                Operation.of(JOURNAL, "POST", "/v1/wearers").roles(ADMIN, CLINIC_ADMIN, CLINICIAN).scope(CREATES).answers(201)
                        .request((f, admitted) -> {
                            String ref = "SEC-" + AccessFixture.newBeltId();
                            return Request.json("/v1/wearers", Map.of("externalRef", ref, "displayName", "Nia New",
                                            "birthYear", 1985, "timeZone", "UTC"))
                                    .changes(() -> f.state(f.platform.journal() + "/v1/wearers?externalRef=" + ref, "clinician"));
                        }).done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers").roles(ADMIN, CLINIC_ADMIN, CLINICIAN).scope(CLINIC_ITEMS)
                        .answers(200).lists(f -> f.wearer.id())
                        .request((f, admitted) -> Request.get("/v1/wearers?limit=200")).done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers/{id}").roles(ADMIN, CLINIC_ADMIN, CLINICIAN, OWN_WEARER)
                        .scope(RESOURCE).answers(200).request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id()))
                        .crossing(QUOTED, f -> f.forged.clinicInQuotes("clinician", f.a.id()),
                                f -> Request.get("/v1/wearers/" + f.wearer.id()))
                        .done(),
                Operation.of(JOURNAL, "PATCH", "/v1/wearers/{id}").roles(ADMIN, CLINIC_ADMIN, CLINICIAN).scope(RESOURCE)
                        .answers(200)
                        .request((f, admitted) -> Request.json("/v1/wearers/" + f.wearer.id(),
                                        Map.of("displayName", admitted ? "Ada Access" : "Mallory Was Here"))
                                .changes(() -> f.state(f.platform.journal() + "/v1/wearers/" + f.wearer.id(), "clinician")))
                        .done(),
                Operation.of(JOURNAL, "DELETE", "/v1/wearers/{id}").roles(CLINIC_ADMIN).scope(RESOURCE).answers(202)
                        .request((f, admitted) -> Request.empty("/v1/wearers/" + f.erasable.id())
                                .changes(() -> f.state(f.platform.journal() + "/v1/wearers/" + f.erasable.id(), "clinician")))
                        .done(),
                Operation.of(JOURNAL, "PUT", "/v1/wearers/{id}/profile").roles(CLINICIAN).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.json("/v1/wearers/" + f.wearer.id() + "/profile",
                                        profile(admitted ? 30 : 5))
                                .changes(() -> f.state(f.platform.journal() + "/v1/wearers/" + f.wearer.id(), "clinician")))
                        .done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers/{id}/profile/history").roles(ADMIN, CLINIC_ADMIN, CLINICIAN)
                        .scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/profile/history")).done(),
                Operation.of(JOURNAL, "PUT", "/v1/wearers/{id}/consent").roles(CLINIC_ADMIN, CLINICIAN, OWN_WEARER)
                        .scope(RESOURCE).answers(200)
                        // the consent stays given (the FHIR export needs it); who recorded it, and when, would change
                        .request((f, admitted) -> Request.json("/v1/wearers/" + f.wearer.id() + "/consent",
                                        Map.of("ehrExport", true))
                                .changes(() -> f.state(f.platform.journal() + "/v1/wearers/" + f.wearer.id(), "clinician")))
                        .done(),
                Operation.of(JOURNAL, "POST", "/v1/wearers/{wearerId}/pain-entries").roles(CLINICIAN, OWN_WEARER)
                        .scope(RESOURCE).answers(201)
                        .request((f, admitted) -> Request.json("/v1/wearers/" + f.wearer.id() + "/pain-entries", ordinaryPain())
                                .changes(() -> f.state(f.platform.journal() + "/v1/wearers/" + f.wearer.id()
                                        + "/pain-entries?limit=200", "clinician")))
                        .done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers/{wearerId}/pain-entries").roles(CLINICIAN, OWN_WEARER)
                        .scope(RESOURCE).answers(200).lists(f -> f.painEntryId)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/pain-entries?limit=200"))
                        .done(),
                mixingEntryIds(Operation.of(JOURNAL, "GET", "/v1/wearers/{wearerId}/pain-entries/{entryId}")
                        .roles(CLINICIAN, OWN_WEARER).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/pain-entries/" + f.painEntryId)),
                        "pain-entries", f -> f.painEntryId, f -> f.otherPainEntryId).done(),
                Operation.of(JOURNAL, "POST", "/v1/wearers/{wearerId}/exercise-entries").roles(CLINICIAN, OWN_WEARER)
                        .scope(RESOURCE).answers(201)
                        .request((f, admitted) -> Request.json("/v1/wearers/" + f.wearer.id() + "/exercise-entries",
                                        AccessFixture.manualExercise())
                                .changes(() -> f.state(f.platform.journal() + "/v1/wearers/" + f.wearer.id()
                                        + "/exercise-entries?source=manual&limit=200", "clinician")))
                        .done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers/{wearerId}/exercise-entries").roles(CLINICIAN, OWN_WEARER)
                        .scope(RESOURCE).answers(200).lists(f -> f.exerciseEntryId)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/exercise-entries?limit=200"))
                        .done(),
                mixingEntryIds(Operation.of(JOURNAL, "GET", "/v1/wearers/{wearerId}/exercise-entries/{entryId}")
                        .roles(CLINICIAN, OWN_WEARER).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/exercise-entries/"
                                + f.exerciseEntryId)),
                        "exercise-entries", f -> f.exerciseEntryId, f -> f.otherExerciseEntryId).done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers/{wearerId}/alerts").roles(CLINICIAN, OWN_WEARER).scope(RESOURCE)
                        .answers(200).request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/alerts")).done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers/{wearerId}/insights").roles(CLINICIAN, OWN_WEARER).scope(RESOURCE)
                        .answers(200).request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/insights")).done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers/{wearerId}/report").roles(CLINICIAN).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/report").accept("text/html"))
                        .done(),
                Operation.of(JOURNAL, "GET", "/v1/wearers/{wearerId}/fhir").roles(CLINICIAN).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/wearers/" + f.wearer.id() + "/fhir")
                                .accept("application/fhir+json")).done(),
                Operation.of(JOURNAL, "GET", "/v1/erasures/{id}").roles(CLINIC_ADMIN).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/erasures/" + f.erasureId)).done(),
                // the audit trail (audit.md): the clinic admin's alone; clinic B's trail holds nothing of clinic A
                Operation.of(JOURNAL, "GET", "/v1/audit").roles(CLINIC_ADMIN).scope(CLINIC_ITEMS).answers(200)
                        .lists(f -> f.erasedWearerId)
                        .request((f, admitted) -> Request.get("/v1/audit?action=delete&limit=200")).done(),
                Operation.of(JOURNAL, "GET", "/v1/audit/export").roles(CLINIC_ADMIN).scope(CLINIC_ITEMS).answers(200)
                        .lists(f -> f.erasedWearerId)
                        .request((f, admitted) -> Request.get("/v1/audit/export?action=delete&from="
                                + f.recordedFrom.minus(Duration.ofHours(1)) + "&to=" + Instant.now().plus(Duration.ofDays(1)))
                                .accept("application/x-ndjson")).done(),

                // --- notification (webhooks.md, "Subscribing"; alerts and feed as AlertResource/FeedResource) --
                Operation.of(NOTIFICATION, "GET", "/v1/webhooks/event-types").roles(INTEGRATOR, CLINIC_ADMIN)
                        .scope(CLINIC_ITEMS).answers(200).request((f, admitted) -> Request.get("/v1/webhooks/event-types"))
                        .done(),
                Operation.of(NOTIFICATION, "POST", "/v1/webhooks/endpoints").roles(INTEGRATOR, CLINIC_ADMIN).scope(CREATES)
                        .answers(201)
                        .request((f, admitted) -> Request.json("/v1/webhooks/endpoints", f.endpointBody("created by a check"))
                                .changes(() -> f.state(f.platform.notification() + "/v1/webhooks/endpoints", "integrator")))
                        .done(),
                Operation.of(NOTIFICATION, "GET", "/v1/webhooks/endpoints").roles(INTEGRATOR, CLINIC_ADMIN)
                        .scope(CLINIC_ITEMS).answers(200).lists(f -> f.hooks.endpointId())
                        .request((f, admitted) -> Request.get("/v1/webhooks/endpoints")).done(),
                Operation.of(NOTIFICATION, "GET", "/v1/webhooks/endpoints/{id}").roles(INTEGRATOR, CLINIC_ADMIN)
                        .scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/webhooks/endpoints/" + f.hooks.endpointId())).done(),
                Operation.of(NOTIFICATION, "PUT", "/v1/webhooks/endpoints/{id}").roles(INTEGRATOR, CLINIC_ADMIN)
                        .scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.json("/v1/webhooks/endpoints/" + f.scratchEndpointId,
                                        f.endpointBody(admitted ? "scratch endpoint" : "changed by an intruder"))
                                .changes(() -> f.state(f.platform.notification() + "/v1/webhooks/endpoints/"
                                        + f.scratchEndpointId, "integrator")))
                        .done(),
                Operation.of(NOTIFICATION, "DELETE", "/v1/webhooks/endpoints/{id}").roles(INTEGRATOR, CLINIC_ADMIN)
                        .scope(RESOURCE).answers(204)
                        .request((f, admitted) -> {
                            String target = admitted ? f.newEndpoint() : f.scratchEndpointId;
                            return Request.empty("/v1/webhooks/endpoints/" + target).changes(() -> f.state(
                                    f.platform.notification() + "/v1/webhooks/endpoints/" + target, "integrator"));
                        }).done(),
                Operation.of(NOTIFICATION, "POST", "/v1/webhooks/endpoints/{id}/rotate-secret").roles(INTEGRATOR, CLINIC_ADMIN)
                        .scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.json("/v1/webhooks/endpoints/" + f.scratchEndpointId
                                        + "/rotate-secret", Map.of("overlap", "PT1H"))
                                .changes(() -> f.state(f.platform.notification() + "/v1/webhooks/endpoints/"
                                        + f.scratchEndpointId, "integrator")))
                        .done(),
                Operation.of(NOTIFICATION, "GET", "/v1/webhooks/endpoints/{endpointId}/deliveries")
                        .roles(INTEGRATOR, CLINIC_ADMIN).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/webhooks/endpoints/" + f.hooks.endpointId()
                                + "/deliveries")).done(),
                Operation.of(NOTIFICATION, "GET", "/v1/webhooks/endpoints/{endpointId}/deliveries/{deliveryId}")
                        .roles(INTEGRATOR, CLINIC_ADMIN).scope(RESOURCE).answers(200)
                        .request((f, admitted) -> Request.get("/v1/webhooks/endpoints/" + f.hooks.endpointId()
                                + "/deliveries/" + f.deliveryId))
                        .crossing("integrator of clinic B, with the delivery under its own endpoint", f -> f.b.token("integrator"),
                                f -> Request.get("/v1/webhooks/endpoints/" + f.hooksOfB.endpointId() + "/deliveries/"
                                        + f.deliveryId))
                        .done(),
                Operation.of(NOTIFICATION, "POST", "/v1/webhooks/endpoints/{endpointId}/deliveries/{deliveryId}/replay")
                        .roles(INTEGRATOR, CLINIC_ADMIN).scope(RESOURCE).answers(202)
                        .request((f, admitted) -> Request.empty("/v1/webhooks/endpoints/" + f.hooks.endpointId()
                                        + "/deliveries/" + f.deliveryId + "/replay")
                                .changes(() -> deliveryIds(f)))
                        .crossing("integrator of clinic B, with the delivery under its own endpoint", f -> f.b.token("integrator"),
                                f -> Request.empty("/v1/webhooks/endpoints/" + f.hooksOfB.endpointId() + "/deliveries/"
                                        + f.deliveryId + "/replay").changes(() -> deliveryIds(f)))
                        .done(),
                Operation.of(NOTIFICATION, "POST", "/v1/webhooks/endpoints/{endpointId}/deliveries/replay")
                        .roles(INTEGRATOR, CLINIC_ADMIN).scope(RESOURCE).answers(202)
                        .request((f, admitted) -> Request.json("/v1/webhooks/endpoints/" + f.hooks.endpointId()
                                                + "/deliveries/replay", Map.of(
                                        "since", f.recordedFrom.minus(1, ChronoUnit.HOURS).toString(),
                                        "until", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                                .changes(() -> deliveryIds(f)))
                        .done(),
                Operation.of(NOTIFICATION, "GET", "/v1/alerts").roles(ADMIN, CLINIC_ADMIN, CLINICIAN).scope(CLINIC_ITEMS)
                        .answers(200).lists(f -> f.alertId)
                        .request((f, admitted) -> Request.get("/v1/alerts?wearerId=" + f.wearer.id() + "&limit=200")).done(),
                Operation.of(NOTIFICATION, "GET", "/v1/alerts/{id}").roles(ADMIN, CLINIC_ADMIN, CLINICIAN).scope(RESOURCE)
                        .answers(200).request((f, admitted) -> Request.get("/v1/alerts/" + f.alertId))
                        .crossing(QUOTED, f -> f.forged.clinicInQuotes("clinician", f.a.id()),
                                f -> Request.get("/v1/alerts/" + f.alertId))
                        .done(),
                Operation.of(NOTIFICATION, "POST", "/v1/alerts/{id}/acknowledge").roles(ADMIN, CLINIC_ADMIN, CLINICIAN)
                        .scope(RESOURCE).answers(200)
                        .request((f, admitted) -> {
                            String target = admitted ? f.newOpenAlert() : f.acknowledgeTarget;
                            return Request.json("/v1/alerts/" + target + "/acknowledge", Map.of("note", "seen"))
                                    .changes(() -> f.state(f.platform.notification() + "/v1/alerts/" + target, "clinician"));
                        }).done(),
                Operation.of(NOTIFICATION, "POST", "/v1/alerts/{id}/resolve").roles(ADMIN, CLINIC_ADMIN, CLINICIAN)
                        .scope(RESOURCE).answers(200)
                        .request((f, admitted) -> {
                            String target = admitted ? f.newOpenAlert() : f.resolveTarget;
                            return Request.json("/v1/alerts/" + target + "/resolve", Map.of("note", "handled"))
                                    .changes(() -> f.state(f.platform.notification() + "/v1/alerts/" + target, "clinician"));
                        }).done(),
                Operation.of(NOTIFICATION, "GET", "/v1/feed").roles(ADMIN, CLINIC_ADMIN, CLINICIAN).scope(CLINIC_ITEMS)
                        .answers(200).request((f, admitted) -> Request.eventStream("/v1/feed"))
                        .observes("clinic A's feed carried the clinic's red-flag alerts", f ->
                                f.feedOfA.stream().anyMatch(e -> e.contains(f.alertId)) ? null
                                        : "clinic A's feed did not carry its alert " + f.alertId)
                        .observes("clinic B's feed, open meanwhile, carried none of them (only B's own alert)", f ->
                                f.feedOfB.stream().anyMatch(e -> e.contains(f.a.id())) ? "clinic B's feed carried clinic A's alerts"
                                        : null)
                        .done());
    }

    /**
     * A wearer's entry asked for under ids that do not belong together: the wearer's own id with another
     * wearer's entry, the entry under another wearer of the clinic, and under a wearer of clinic B.
     */
    private static Operation mixingEntryIds(Operation op, String entries, Function<AccessFixture, String> entry,
                                            Function<AccessFixture, String> otherWearersEntry) {
        String path = "/v1/wearers/%s/" + entries + "/%s";
        return op
                .crossing("the wearer themself, asking for another wearer's entry", AccessFixture::ownWearerToken,
                        f -> Request.get(path.formatted(f.wearer.id(), otherWearersEntry.apply(f))))
                .crossing("clinician of clinic A, with the entry under another wearer", f -> f.a.token("clinician"),
                        f -> Request.get(path.formatted(f.otherWearer.id(), entry.apply(f))))
                .crossing("clinician of clinic B, with the entry under its own wearer", f -> f.b.token("clinician"),
                        f -> Request.get(path.formatted(f.wearerOfB.id(), entry.apply(f))))
                .crossing("a wearer of clinic B, with the entry under their own id", AccessFixture::tokenOfWearerOfB,
                        f -> Request.get(path.formatted(f.wearerOfB.id(), entry.apply(f))));
    }

    private static Map<String, Object> profile(double flexionDeg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conditions", List.of("disc_herniation"));
        body.put("limits", Map.of("flexionDeg", flexionDeg));
        body.put("reason", "access check");
        return body;
    }

    private static Map<String, Object> ordinaryPain() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toString());
        entry.put("locations", List.of("lower_back_left"));
        entry.put("qualities", List.of("dull"));
        entry.put("intensity", 2);
        entry.put("onset", "next_day");
        return entry;
    }

    /** The ids in the endpoint's delivery log (a replay adds one). */
    private static String deliveryIds(AccessFixture f) {
        StringBuilder ids = new StringBuilder();
        f.hooks.deliveryLog(null).forEach(d -> ids.append(d.path("id").asText()).append(' '));
        return ids.toString();
    }
}
