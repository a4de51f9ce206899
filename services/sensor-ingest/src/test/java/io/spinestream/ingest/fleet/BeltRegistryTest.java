package io.spinestream.ingest.fleet;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.spinestream.ingest.auth.BeltCredentialFormat;
import io.spinestream.ingest.auth.BeltCredentialRequest;
import io.spinestream.ingest.auth.BeltIdentityProvider;
import io.spinestream.ingest.support.Db;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.spinestream.ingest.support.FleetApi.admin;
import static io.spinestream.ingest.support.FleetApi.as;
import static io.spinestream.ingest.support.FleetApi.assign;
import static io.spinestream.ingest.support.FleetApi.provision;
import static io.spinestream.ingest.support.FleetApi.retire;
import static io.spinestream.ingest.support.FleetApi.rotate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class BeltRegistryTest {

    private static final String CLINIC = "clinic-registry";
    private static final String OTHER_CLINIC = "clinic-registry-other";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BeltIdentityProvider identities;

    Db db;

    @BeforeEach
    void setUp() {
        db = new Db(dataSource);
    }

    @Test
    void givenClinicAdmin_whenBeltProvisioned_thenCreatedWithCredentialShownOnceAndOnlyItsHashStored() {
        String credential = admin(CLINIC).contentType(ContentType.JSON)
                .body(Map.of("id", "REG-PROV-1", "model", "SB2", "firmware", "2.3.1", "wearerId", "w-prov"))
                .when().post("/v1/belts")
                .then().statusCode(201)
                .header("Location", containsString("/v1/belts/REG-PROV-1"))
                .body("belt.id", equalTo("REG-PROV-1"))
                .body("belt.clinicId", equalTo(CLINIC))
                .body("belt.state", equalTo("active"))
                .body("belt.wearerId", equalTo("w-prov"))
                .body("credential", startsWith("ssb_"))
                .extract().path("credential");

        String shown = admin(CLINIC).when().get("/v1/belts/REG-PROV-1")
                .then().statusCode(200).extract().asString();
        assertThat(shown).doesNotContain(credential).doesNotContain("credential");
        List<Map<String, Object>> stored = db.rows("SELECT * FROM belt_credential WHERE belt_id = ?", "REG-PROV-1");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).values()).noneMatch(v -> v != null && v.toString().contains(credential.substring(21)));
        assertThat(stored.get(0).get("secret_hash")).isEqualTo(BeltCredentialFormat.hash(credential));
        assertThat(accepted(credential)).isTrue();
    }

    @Test
    void givenProvisionedBelt_whenSameIdProvisionedAgainInAnyClinic_then409AndTheBeltAndItsCredentialAreUntouched() {
        String credential = provision(CLINIC, "REG-DUP-1");

        for (String clinic : List.of(CLINIC, OTHER_CLINIC)) {
            admin(clinic).contentType(ContentType.JSON).body(Map.of("id", "REG-DUP-1"))
                    .when().post("/v1/belts")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("id"))
                    .body("violations[0].rule", equalTo("unique"));
        }
        admin(CLINIC).when().get("/v1/belts/REG-DUP-1").then().statusCode(200).body("clinicId", equalTo(CLINIC));
        assertThat(accepted(credential)).isTrue();
    }

    @Test
    void givenMalformedBelt_whenProvisioned_then400NamingEachFieldAndRule() {
        admin(CLINIC).contentType(ContentType.JSON)
                .body(Map.of("id", "lower-case", "firmware", "x".repeat(33)))
                .when().post("/v1/belts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("firmware", "id")))
                .body("violations.rule", equalTo(List.of("Size", "Pattern")));
    }

    @Test
    void givenBodyOfTheWrongShapeOrNotJson_whenProvisioned_then400ProblemNamingWhereItBroke() {
        admin(CLINIC).contentType(ContentType.JSON).body("[\"SB-1\"]")
                .when().post("/v1/belts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("type"));
        admin(CLINIC).contentType(ContentType.JSON).body("{\"id\": \"SB-WRONG-1\", \"model\": {\"x\": 1}}")
                .when().post("/v1/belts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("model"));
        admin(CLINIC).contentType(ContentType.JSON).body("{\"id\": ")
                .when().post("/v1/belts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].rule", equalTo("syntax"));
    }

    @Test
    void givenThreeNewBelts_whenBulkProvisioned_thenAllCreatedInOrderEachWithItsOwnWorkingCredential() {
        // The colon as curl sends it; the other tests send it percent-encoded, as RestAssured does.
        List<String> credentials = admin(CLINIC).urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(Map.of("belts", List.of(Map.of("id", "REG-BULK-1"), Map.of("id", "REG-BULK-2", "wearerId", "w-b2"),
                        Map.of("id", "REG-BULK-3", "model", "SB3"))))
                .when().post("/v1/belts:bulk")
                .then().statusCode(201)
                .body("belts.belt.id", equalTo(List.of("REG-BULK-1", "REG-BULK-2", "REG-BULK-3")))
                .body("belts[1].belt.wearerId", equalTo("w-b2"))
                .extract().path("belts.credential");

        assertThat(credentials).hasSize(3).doesNotHaveDuplicates();
        assertThat(credentials).allMatch(this::accepted);
    }

    @Test
    void givenBulkWithOneInvalidBelt_whenProvisioned_then400NamingItAndNoBeltCreated() {
        admin(CLINIC).contentType(ContentType.JSON)
                .body(Map.of("belts", List.of(Map.of("id", "REG-BULKBAD-1"), Map.of("id", "bad id"))))
                .when().post("/v1/belts:bulk")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("belts[1].id"))
                .body("violations[0].rule", equalTo("Pattern"));

        admin(CLINIC).when().get("/v1/belts/REG-BULKBAD-1").then().statusCode(404);
    }

    @Test
    void givenBulkWithOneBeltAlreadyProvisioned_whenProvisioned_then409NamingItAndNoOtherBeltCreated() {
        provision(OTHER_CLINIC, "REG-BULKDUP-2");

        admin(CLINIC).contentType(ContentType.JSON)
                .body(Map.of("belts", List.of(Map.of("id", "REG-BULKDUP-1"), Map.of("id", "REG-BULKDUP-2"),
                        Map.of("id", "REG-BULKDUP-3"))))
                .when().post("/v1/belts:bulk")
                .then().statusCode(409).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("belts[1].id")));

        admin(CLINIC).when().get("/v1/belts/REG-BULKDUP-1").then().statusCode(404);
        admin(CLINIC).when().get("/v1/belts/REG-BULKDUP-3").then().statusCode(404);
        assertThat(db.value("SELECT count(*) FROM belt_credential WHERE belt_id IN ('REG-BULKDUP-1', 'REG-BULKDUP-3')"))
                .isEqualTo(0L);
    }

    @Test
    void givenBulkNamingABeltTwice_whenProvisioned_then400AndNoBeltCreated() {
        admin(CLINIC).contentType(ContentType.JSON)
                .body(Map.of("belts", List.of(Map.of("id", "REG-TWICE-1"), Map.of("id", "REG-TWICE-1"))))
                .when().post("/v1/belts:bulk")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("belts[1].id"))
                .body("violations[0].rule", equalTo("unique"));

        admin(CLINIC).when().get("/v1/belts/REG-TWICE-1").then().statusCode(404);
    }

    @Test
    void givenEmptyOrOversizedBulk_whenProvisioned_then400() {
        admin(CLINIC).contentType(ContentType.JSON).body(Map.of("belts", List.of()))
                .when().post("/v1/belts:bulk")
                .then().statusCode(400).body("violations[0].field", equalTo("belts"));
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i <= BulkProvisionRequest.MAX_BELTS; i++) {
            tooMany.add(Map.of("id", "REG-MANY-" + i));
        }
        admin(CLINIC).contentType(ContentType.JSON).body(Map.of("belts", tooMany))
                .when().post("/v1/belts:bulk")
                .then().statusCode(400).body("violations[0].field", equalTo("belts"));
        admin(CLINIC).when().get("/v1/belts/REG-MANY-0").then().statusCode(404);
    }

    @Test
    void givenFleetInVariousStates_whenListedWithEachFilter_thenExactlyTheMatchingBelts() {
        String clinic = "clinic-registry-filters";
        provision(clinic, "FLT-1");
        provision(clinic, "FLT-2", "w-flt");
        provision(clinic, "FLT-3");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.update("UPDATE belt SET battery = 0.10, last_seen_at = ? WHERE id = 'FLT-1'", now.minusMinutes(30));
        db.update("UPDATE belt SET battery = 0.80, last_seen_at = ?, firmware = '2.4.0' WHERE id = 'FLT-2'",
                now.minusMinutes(1));
        retire(clinic, "FLT-3");

        assertThat(ids(clinic, "firmware=2.3.1")).containsExactly("FLT-1", "FLT-3");
        assertThat(ids(clinic, "batteryBelow=0.5")).containsExactly("FLT-1");
        assertThat(ids(clinic, "silentForMinutes=10")).containsExactly("FLT-1", "FLT-3");
        assertThat(ids(clinic, "silentForMinutes=60")).containsExactly("FLT-3");
        assertThat(ids(clinic, "unassigned=true")).containsExactly("FLT-1", "FLT-3");
        assertThat(ids(clinic, "unassigned=false")).containsExactly("FLT-2");
        assertThat(ids(clinic, "state=retired")).containsExactly("FLT-3");
        assertThat(ids(clinic, "state=active&unassigned=true&batteryBelow=0.2")).containsExactly("FLT-1");
        assertThat(ids(clinic, "")).containsExactly("FLT-1", "FLT-2", "FLT-3");
    }

    @Test
    void givenMalformedFilters_whenListed_then400NamingTheParameter() {
        for (String[] bad : List.of(new String[]{"batteryBelow", "1.5"}, new String[]{"batteryBelow", "low"},
                new String[]{"silentForMinutes", "-3"}, new String[]{"unassigned", "maybe"},
                new String[]{"state", "lost"}, new String[]{"limit", "0"}, new String[]{"limit", "100000"},
                new String[]{"cursor", "not-a-cursor"})) {
            admin(CLINIC).queryParam(bad[0], bad[1])
                    .when().get("/v1/belts")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(bad[0]));
        }
    }

    @Test
    void givenSevenBelts_whenWalkedThreeAtATime_thenEveryBeltOnceInIdOrderAndNoCursorOnTheLastPage() {
        String clinic = "clinic-registry-pages";
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            provision(clinic, "PG-" + i);
            expected.add("PG-" + i);
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            var request = admin(clinic).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/v1/belts").then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.id", String.class);
            seen.addAll(items);
            pageSizes.add(items.size());
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pageSizes).containsExactly(3, 3, 1);
    }

    @Test
    void givenBeltMovingBetweenWearers_whenHistoryRead_thenContiguousPeriodsNewestFirstAndRepeatsChangeNothing() {
        provision(CLINIC, "REG-HIST-1", "w-first");
        assign(CLINIC, "REG-HIST-1", "w-second");
        assign(CLINIC, "REG-HIST-1", "w-second");
        assign(CLINIC, "REG-HIST-1", null);

        var history = as(Roles.CLINICIAN, CLINIC).when().get("/v1/belts/REG-HIST-1/assignments")
                .then().statusCode(200)
                .body("beltId", equalTo("REG-HIST-1"))
                .body("assignments.wearerId", equalTo(List.of("w-second", "w-first")))
                .body("assignments.to", not(hasItem(nullValue())))
                .extract().jsonPath();
        Instant secondFrom = Instant.parse(history.getString("assignments[0].from"));
        Instant firstTo = Instant.parse(history.getString("assignments[1].to"));
        assertThat(firstTo).isEqualTo(secondFrom);
        assertThat(Instant.parse(history.getString("assignments[1].from"))).isBefore(secondFrom);
        admin(CLINIC).when().get("/v1/belts/REG-HIST-1").then().body("wearerId", nullValue());
    }

    @Test
    void givenBeltCredential_whenRotated_thenTheOldOneIsRefusedAtOnceAndTheNewOneWorks() {
        String old = provision(CLINIC, "REG-ROT-1");
        assertThat(accepted(old)).isTrue();

        String fresh = rotate(CLINIC, "REG-ROT-1");

        assertThat(fresh).startsWith("ssb_").isNotEqualTo(old);
        assertThat(accepted(old)).isFalse();
        assertThat(accepted(fresh)).isTrue();
        assertThat(db.value("SELECT count(*) FROM belt_credential WHERE belt_id = 'REG-ROT-1' AND revoked_at IS NULL"))
                .isEqualTo(1L);
    }

    @Test
    void givenActiveBelt_whenRetired_thenCredentialRefusedWearerUnassignedAndNoFurtherChangesAllowed() {
        String credential = provision(CLINIC, "REG-RET-1", "w-ret");

        retire(CLINIC, "REG-RET-1");

        assertThat(accepted(credential)).isFalse();
        admin(CLINIC).when().get("/v1/belts/REG-RET-1").then().statusCode(200)
                .body("state", equalTo("retired"))
                .body("retiredAt", notNullValue())
                .body("wearerId", nullValue());
        admin(CLINIC).when().post("/v1/belts/REG-RET-1/credential").then().statusCode(409)
                .contentType("application/problem+json");
        admin(CLINIC).contentType(ContentType.JSON).body(Map.of("wearerId", "w-again"))
                .when().put("/v1/belts/REG-RET-1/wearer").then().statusCode(409);
        admin(CLINIC).when().delete("/v1/belts/REG-RET-1").then().statusCode(204);
        as(Roles.CLINICIAN, CLINIC).when().get("/v1/belts/REG-RET-1/assignments").then().statusCode(200)
                .body("assignments[0].to", notNullValue());
    }

    @Test
    void givenBeltOfClinicA_whenEveryEndpointIsCalledByClinicB_then404AsIfAbsentAndTheBeltIsUntouched() {
        String credential = provision(CLINIC, "REG-ISO-1", "w-iso");

        admin(OTHER_CLINIC).when().get("/v1/belts/REG-ISO-1").then().statusCode(404);
        admin(OTHER_CLINIC).when().get("/v1/belts/REG-ISO-1/assignments").then().statusCode(404);
        admin(OTHER_CLINIC).contentType(ContentType.JSON).body(Map.of("wearerId", "w-thief"))
                .when().put("/v1/belts/REG-ISO-1/wearer").then().statusCode(404).contentType("application/problem+json");
        admin(OTHER_CLINIC).when().post("/v1/belts/REG-ISO-1/credential").then().statusCode(404);
        admin(OTHER_CLINIC).when().delete("/v1/belts/REG-ISO-1").then().statusCode(404);
        assertThat(ids(OTHER_CLINIC, "")).doesNotContain("REG-ISO-1");

        admin(CLINIC).when().get("/v1/belts/REG-ISO-1").then().statusCode(200)
                .body("state", equalTo("active"))
                .body("wearerId", equalTo("w-iso"));
        assertThat(accepted(credential)).isTrue();
    }

    @Test
    void givenRolesThatMayNot_whenRegistryCalled_then401Or403Problem() {
        provision(CLINIC, "REG-ROLE-1");

        given().when().get("/v1/belts").then().statusCode(401).contentType("application/problem+json");
        as(Roles.WEARER, CLINIC).when().get("/v1/belts").then().statusCode(403).contentType("application/problem+json");
        as(Roles.INTEGRATOR, CLINIC).when().get("/v1/belts/REG-ROLE-1/assignments").then().statusCode(403);
        as(Roles.CLINICIAN, CLINIC).when().get("/v1/belts").then().statusCode(200);
        as(Roles.CLINICIAN, CLINIC).contentType(ContentType.JSON).body(Map.of("id", "REG-ROLE-2"))
                .when().post("/v1/belts").then().statusCode(403);
        as(Roles.CLINICIAN, CLINIC).contentType(ContentType.JSON).body(Map.of("belts", List.of(Map.of("id", "REG-ROLE-3"))))
                .when().post("/v1/belts:bulk").then().statusCode(403);
        as(Roles.CLINICIAN, CLINIC).contentType(ContentType.JSON).body(Map.of("wearerId", "w-x"))
                .when().put("/v1/belts/REG-ROLE-1/wearer").then().statusCode(403);
        as(Roles.CLINICIAN, CLINIC).when().post("/v1/belts/REG-ROLE-1/credential").then().statusCode(403);
        as(Roles.CLINICIAN, CLINIC).when().delete("/v1/belts/REG-ROLE-1").then().statusCode(403);
        admin(CLINIC).when().get("/v1/belts/REG-ROLE-1").then().body("state", equalTo("active"));
        admin(CLINIC).when().get("/v1/belts/REG-ROLE-2").then().statusCode(404);
    }

    private List<String> ids(String clinic, String query) {
        return admin(clinic).when().get("/v1/belts?limit=500" + (query.isEmpty() ? "" : "&" + query))
                .then().statusCode(200).body("nextCursor", nullValue())
                .extract().jsonPath().getList("items.id", String.class);
    }

    private boolean accepted(String credential) {
        try {
            identities.authenticate(new BeltCredentialRequest(credential), supplier -> io.smallrye.mutiny.Uni
                    .createFrom().item(supplier)).await().atMost(Duration.ofSeconds(10));
            return true;
        } catch (AuthenticationFailedException e) {
            return false;
        }
    }
}
