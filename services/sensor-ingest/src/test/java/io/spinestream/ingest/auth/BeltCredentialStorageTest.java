package io.spinestream.ingest.auth;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.Db;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.spinestream.ingest.support.FleetApi.admin;
import static io.spinestream.ingest.support.FleetApi.asBelt;
import static io.spinestream.ingest.support.FleetApi.provision;
import static io.spinestream.ingest.support.FleetApi.rotate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Belt credentials are shown once and stored only as their SHA-256: after provisioning, bulk
 * provisioning, rotation and use, neither the database (every table, read directly) nor any later
 * answer holds one.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class BeltCredentialStorageTest {

    private static final String CLINIC = "clinic-cred-store";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void givenCredentialsIssuedAndUsed_whenEveryTableAndEveryLaterAnswerIsSearched_thenNoCredentialIsFound() {
        Db db = new Db(dataSource);
        List<String> issued = new ArrayList<>();
        String first = provision(CLINIC, "CRED-STORE-1", "w-cred-1");
        issued.add(first);
        issued.addAll(admin(CLINIC).urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(Map.of("belts", List.of(Map.of("id", "CRED-STORE-2"), Map.of("id", "CRED-STORE-3"))))
                .when().post("/v1/belts:bulk")
                .then().statusCode(201).extract().<List<String>>path("belts.credential"));
        String rotated = rotate(CLINIC, "CRED-STORE-1");
        issued.add(rotated);
        asBelt(rotated).contentType("application/json").body(Batches.json("CRED-STORE-1", 1))
                .when().post("/v1/telemetry").then().statusCode(200);
        asBelt(first).contentType("application/json").body(Batches.json("CRED-STORE-1", 2))
                .when().post("/v1/telemetry").then().statusCode(401);

        for (String credential : issued) {
            String keyId = BeltCredentialFormat.keyIdOf(credential).orElseThrow();
            assertThat(db.value("SELECT secret_hash FROM belt_credential WHERE key_id = ?", keyId))
                    .isEqualTo(HexFormat.of().formatHex(sha256(credential)));
            // The search does find what is stored: the key id, which names the credential and is no secret.
            assertThat(tablesHolding(db, keyId)).contains("belt_credential");
            for (String trace : traces(credential)) {
                assertThat(tablesHolding(db, trace)).as("tables holding a credential's %s", describe(trace, credential))
                        .isEmpty();
            }
        }
        List<String> answers = List.of(
                admin(CLINIC).when().get("/v1/belts?limit=500").then().statusCode(200).extract().asString(),
                admin(CLINIC).when().get("/v1/belts/CRED-STORE-1").then().statusCode(200).extract().asString(),
                admin(CLINIC).when().get("/v1/belts/CRED-STORE-2").then().statusCode(200).extract().asString(),
                admin(CLINIC).when().get("/v1/belts/CRED-STORE-1/assignments").then().statusCode(200).extract().asString());
        for (String answer : answers) {
            assertThat(answer).doesNotContain("ssb_").doesNotContain("credential");
            for (String credential : issued) {
                assertThat(answer).doesNotContain(secretOf(credential));
            }
        }
    }

    /** The whole credential, its secret part, and the secret's bytes in hex (as a bytea column would print them). */
    private static List<String> traces(String credential) {
        String secret = secretOf(credential);
        return List.of(credential, secret, HexFormat.of().formatHex(Base64.getUrlDecoder().decode(secret)));
    }

    private static String describe(String trace, String credential) {
        return trace.equals(credential) ? "token" : trace.equals(secretOf(credential)) ? "secret" : "secret bytes";
    }

    private static String secretOf(String credential) {
        return credential.substring(credential.indexOf('.') + 1);
    }

    /** Every table of the service's schema whose rows, printed as text, contain {@code trace}. */
    private static List<String> tablesHolding(Db db, String trace) {
        List<String> holding = new ArrayList<>();
        for (Map<String, Object> table : db.rows("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
            String name = (String) table.get("table_name");
            Object found = db.value("SELECT count(*) FROM \"" + name + "\" t WHERE position(lower(?) in lower(t::text)) > 0",
                    trace);
            if (((Number) found).longValue() > 0) {
                holding.add(name);
            }
        }
        return holding;
    }

    private static byte[] sha256(String token) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
