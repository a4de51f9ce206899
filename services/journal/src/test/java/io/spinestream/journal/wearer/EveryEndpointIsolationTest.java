package io.spinestream.journal.wearer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.painEntry;
import static io.spinestream.journal.support.JournalApi.postPain;
import static io.spinestream.journal.support.JournalApi.wearerToken;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every endpoint that names a wearer, called for a wearer of clinic A: by clinic B's clinician, and by
 * another wearer of clinic A. Both get 404 problem+json, exactly as for a wearer that does not exist,
 * and nothing is written.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class EveryEndpointIsolationTest {

    private static final String CLINIC_A = "clinic-a";
    private static String wearer;
    private static String painEntryId;

    @BeforeEach
    void seedOnce() {
        if (wearer != null) {
            return;
        }
        wearer = createWearer(CLINIC_A);
        painEntryId = postPain(clinician(CLINIC_A), wearer, painEntry(Instant.now().minus(1, ChronoUnit.HOURS), Map.of()))
                .statusCode(201).extract().path("id");
    }

    /** Method, path ({w}: the wearer, {e}: its pain entry), body, and whether a wearer and a clinic admin may call it. */
    record Call(String method, String path, Object body, boolean wearerMay, boolean clinicAdminMay) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Call> calls() {
        Map<String, Object> pain = painEntry(Instant.now().minus(2, ChronoUnit.HOURS), Map.of());
        Map<String, Object> exercise = Map.of("exercise", "walking", "startedAt",
                Instant.now().minus(3, ChronoUnit.HOURS).toString(), "durationMinutes", 30);
        return Stream.of(
                new Call("GET", "/v1/wearers/{w}", null, true, true),
                new Call("PATCH", "/v1/wearers/{w}", Map.of("displayName", "X"), false, true),
                new Call("PUT", "/v1/wearers/{w}/profile", Map.of("conditions", List.of("muscle_strain")), false, false),
                new Call("GET", "/v1/wearers/{w}/profile/history", null, false, true),
                new Call("PUT", "/v1/wearers/{w}/consent", Map.of("ehrExport", true), true, true),
                new Call("GET", "/v1/wearers/{w}/pain-entries", null, true, false),
                new Call("POST", "/v1/wearers/{w}/pain-entries", pain, true, false),
                new Call("GET", "/v1/wearers/{w}/pain-entries/{e}", null, true, false),
                new Call("GET", "/v1/wearers/{w}/exercise-entries", null, true, false),
                new Call("POST", "/v1/wearers/{w}/exercise-entries", exercise, true, false),
                new Call("GET", "/v1/wearers/{w}/alerts", null, true, false),
                new Call("GET", "/v1/wearers/{w}/insights", null, true, false),
                new Call("GET", "/v1/wearers/{w}/report", null, false, false),
                new Call("GET", "/v1/wearers/{w}/fhir", null, false, false));
    }

    private static void expect404(String token, Call call) {
        RequestSpecification request = given().header("Authorization", token);
        if (call.body() != null) {
            request.contentType("application/json").body(call.body());
        }
        request.when().request(call.method(), call.path().replace("{w}", wearer).replace("{e}", painEntryId))
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("wearer " + wearer + " not found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void givenStaffOfAnotherClinic_whenCallingAnyEndpointOfTheWearer_then404AsIfAbsent(Call call) {
        expect404(TestTokens.bearer(Roles.CLINICIAN, "clinic-b"), call);
        if (call.clinicAdminMay()) {
            expect404(TestTokens.bearer(Roles.CLINIC_ADMIN, "clinic-b"), call);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void givenAnotherWearerOfTheSameClinic_whenCallingAnyEndpointOfTheWearer_then404Or403(Call call) {
        String other = wearerToken(CLINIC_A, "someone-else");
        if (call.wearerMay()) {
            expect404(other, call);
        } else {
            RequestSpecification request = given().header("Authorization", other);
            if (call.body() != null) {
                request.contentType("application/json").body(call.body());
            }
            request.when().request(call.method(), call.path().replace("{w}", wearer).replace("{e}", painEntryId))
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }
}
