package io.spinestream.journal.wearer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.spinestream.journal.support.Ids;
import io.spinestream.journal.support.JournalApi;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.enrol;
import static io.spinestream.journal.support.JournalApi.get;
import static io.spinestream.journal.support.JournalApi.put;
import static io.spinestream.journal.support.JournalApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Who names a wearer: the journal assigns the id, the clinic keeps its own reference
 * ({@code externalRef}, unique within the clinic). Nothing a clinic does tells it whether another
 * clinic has a wearer, under any id or reference.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class WearerIdentityTest {

    private static String ref() {
        return Ids.unique("P");
    }

    /** The ids the clinic's list answers for {@code externalRef}. */
    private static List<String> withRef(String clinic, String externalRef) {
        return JournalApi.as(clinician(clinic)).queryParam("externalRef", externalRef)
                .when().get("/v1/wearers").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    private static ExtractableResponse<Response> patch(String token, String id, Map<String, Object> body) {
        return JournalApi.as(token).body(body).when().patch("/v1/wearers/" + id).then().extract();
    }

    @Test
    void givenEnrolments_whenCreated_thenEachGetsAnUnguessableJournalIdServedAtItsLocation() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            var created = enrol("clinic-a", Map.of()).statusCode(201).extract();
            String id = created.path("id");
            assertThat(id).matches(WearerIds.PATTERN).hasSize(28);
            assertThat(created.header("Location")).endsWith("/v1/wearers/" + id);
            ids.add(id);
            JournalApi.as(clinician("clinic-a")).when().get(created.header("Location")).then().statusCode(200)
                    .body("id", equalTo(id)).body("externalRef", nullValue());
        }
        assertThat(ids).hasSize(3);
    }

    @Test
    void givenClientChosenId_whenEnrolled_then400NamingIdAndNothingIsCreated() {
        String externalRef = ref();
        enrol("clinic-a", Map.of("id", "w-my-own-choice", "externalRef", externalRef))
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("id"))
                .body("violations[0].rule", equalTo("Null"));

        assertThat(withRef("clinic-a", externalRef)).isEmpty();
    }

    @Test
    void givenTwoClinics_whenBothEnrolTheSameExternalRef_thenBothAreCreatedAndEachFindsOnlyItsOwn() {
        String externalRef = ref();
        String inA = createWearer("clinic-a", Map.of("externalRef", externalRef));
        String inB = createWearer("clinic-b", Map.of("externalRef", externalRef));

        assertThat(inA).isNotEqualTo(inB);
        assertThat(withRef("clinic-a", externalRef)).containsExactly(inA);
        assertThat(withRef("clinic-b", externalRef)).containsExactly(inB);
        get(clinician("clinic-a"), "/v1/wearers/" + inA).statusCode(200).body("externalRef", equalTo(externalRef));
    }

    @Test
    void givenExternalRefTakenInTheClinic_whenEnrolledOrChangedToIt_then409NamingExternalRef() {
        String externalRef = ref();
        String holder = createWearer("clinic-a", Map.of("externalRef", externalRef));
        String other = createWearer("clinic-a", Map.of("externalRef", ref()));

        enrol("clinic-a", Map.of("externalRef", externalRef, "displayName", "Someone Else"))
                .statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("externalRef"))
                .body("violations[0].rule", equalTo("unique"));
        var changed = patch(clinician("clinic-a"), other, Map.of("externalRef", externalRef, "displayName", "Changed"));
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(changed.contentType()).startsWith("application/problem+json");
        assertThat(changed.jsonPath().getString("violations[0].field")).isEqualTo("externalRef");

        // The whole request failed: the name did not change either.
        get(clinician("clinic-a"), "/v1/wearers/" + other).statusCode(200).body("displayName", equalTo("Pat Example"));
        assertThat(withRef("clinic-a", externalRef)).containsExactly(holder);
    }

    @Test
    void givenExternalRef_whenRemovedFromOneWearer_thenAnotherWearerOfTheClinicMayTakeIt() {
        String externalRef = ref();
        String mistaken = createWearer("clinic-a", Map.of("externalRef", externalRef));
        String right = createWearer("clinic-a");

        assertThat(patch(clinician("clinic-a"), mistaken, Map.of("externalRef", "")).statusCode()).isEqualTo(200);
        assertThat(patch(clinician("clinic-a"), right, Map.of("externalRef", externalRef)).statusCode()).isEqualTo(200);

        get(clinician("clinic-a"), "/v1/wearers/" + mistaken).body("externalRef", nullValue());
        assertThat(withRef("clinic-a", externalRef)).containsExactly(right);
    }

    @Test
    void givenMalformedExternalRef_whenEnrolledOrListed_then400NamingIt() {
        enrol("clinic-a", Map.of("externalRef", " spaced out")).statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("externalRef"));
        JournalApi.as(clinician("clinic-a")).queryParam("externalRef", "x".repeat(65))
                .when().get("/v1/wearers").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("externalRef"));
    }

    @Test
    void givenWearerOfClinicB_whenClinicAProbesItByCreateReadAndUpdate_thenEveryAnswerIsAsIfItDidNotExist() {
        String refOfB = ref();
        String otherRefOfB = ref();
        String ofB = createWearer("clinic-b", Map.of("externalRef", refOfB, "displayName", "B's Patient"));
        createWearer("clinic-b", Map.of("externalRef", otherRefOfB));
        String absent = WearerIds.next();
        String clinicianA = clinician("clinic-a");

        // Create: B's reference is free in A; B's id is refused exactly like any id.
        enrol("clinic-a", Map.of("externalRef", refOfB)).statusCode(201);
        var withIdOfB = enrol("clinic-a", Map.of("id", ofB)).statusCode(400).extract().jsonPath();
        var withFreshId = enrol("clinic-a", Map.of("id", absent)).statusCode(400).extract().jsonPath();
        assertThat(withIdOfB.getList("violations")).isEqualTo(withFreshId.getList("violations"));

        // Read: B's wearer is absent, by id and by reference, for A's staff and for a token naming it.
        String foreign = get(clinicianA, "/v1/wearers/" + ofB).statusCode(404)
                .contentType("application/problem+json").extract().path("detail");
        String missing = get(clinicianA, "/v1/wearers/" + absent).statusCode(404).extract().path("detail");
        assertThat(foreign.replace(ofB, "X")).isEqualTo(missing.replace(absent, "X"));
        get(JournalApi.wearerToken("clinic-a", ofB), "/v1/wearers/" + ofB).statusCode(404)
                .body("detail", equalTo("wearer " + ofB + " not found"));
        assertThat(withRef("clinic-a", otherRefOfB)).isEmpty();
        JournalApi.as(clinicianA).when().get("/v1/wearers?limit=200").then().statusCode(200)
                .body("items.findAll { it.clinicId != 'clinic-a' }", empty());

        // Update: B's wearer is absent, and B's other reference is free in A.
        var patched = patch(clinicianA, ofB, Map.of("displayName", "Probe"));
        assertThat(patched.statusCode()).isEqualTo(404);
        assertThat(patched.jsonPath().getString("detail")).isEqualTo("wearer " + ofB + " not found");
        put(clinicianA, "/v1/wearers/" + ofB + "/profile", Map.of("conditions", List.of("muscle_strain")))
                .statusCode(404).body("detail", equalTo("wearer " + ofB + " not found"));
        String ofA = createWearer("clinic-a");
        assertThat(patch(clinicianA, ofA, with("externalRef", otherRefOfB)).statusCode()).isEqualTo(200);

        // And B's wearer is as B left it.
        get(clinician("clinic-b"), "/v1/wearers/" + ofB).statusCode(200)
                .body("displayName", equalTo("B's Patient"))
                .body("externalRef", equalTo(refOfB))
                .body("profileVersion", equalTo(1));
    }

    @Test
    void givenClinicAdmin_whenEnrollingWithAReference_thenItIsKept() {
        String externalRef = ref();
        String id = JournalApi.post(TestTokens.bearer(Roles.CLINIC_ADMIN, "clinic-a"), "/v1/wearers",
                        Map.of("displayName", "Robin Example", "externalRef", externalRef))
                .statusCode(201).body("externalRef", equalTo(externalRef))
                .extract().path("id");
        assertThat(withRef("clinic-a", externalRef)).containsExactly(id);
    }
}
