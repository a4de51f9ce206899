package io.spinestream.notification.webhook;

import com.standardwebhooks.Webhook;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.spinestream.events.EventType;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.notification.testkit.WebhookApi;
import io.spinestream.notification.testkit.WebhookReceiver;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Signing secrets at rest on real PostgreSQL: encrypted, never shown again, upgraded from plaintext, re-keyed. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class SecretsAtRestTest {

    private static KafkaTestClient kafka;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EndpointSecrets secrets;

    @Inject
    SecretsAtRest atRest;

    private WebhookReceiver receiver;
    private String clinic;
    private WebhookApi api;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void newClinicAndReceiver() {
        receiver = WebhookReceiver.start();
        clinic = "clinic-sar-" + UUID.randomUUID().toString().substring(0, 8);
        api = new WebhookApi(clinic);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void givenAnEndpointAndARotation_whenTheDatabaseAndEveryOtherAnswerAreRead_thenNoSecretAppearsAndDeliveriesVerify()
            throws Exception {
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of(EventType.FORM_FAULT.type()));
        String rotated = given().auth().oauth2(api.token()).contentType(ContentType.JSON).body("{\"overlap\":\"PT1H\"}")
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/rotate-secret")
                .then().statusCode(200).extract().jsonPath().getString("secret");

        Map<String, Object> row = row(dataSource, "public", endpoint.id());
        assertThat(row.get("secret")).isNull();
        assertThat(row.get("previous_secret")).isNull();
        assertThat(row.get("secret_key_id")).isEqualTo("dev");
        assertThat(row.get("previous_secret_key_id")).isEqualTo("dev");
        assertNoTrace(rowAsText(dataSource, "public", endpoint.id()), endpoint.secret(), rotated);

        publish(TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, null));
        WebhookReceiver.Received request = receiver.awaitRequests(1).get(0);
        new Webhook(rotated).verify(request.body(), request.headers());
        new Webhook(endpoint.secret()).verify(request.body(), request.headers());

        String deliveryId = (String) api.awaitDeliveries(endpoint.id(), "succeeded", 1).get(0).get("id");
        for (String path : List.of("/v1/webhooks/endpoints", "/v1/webhooks/endpoints/" + endpoint.id(),
                "/v1/webhooks/endpoints/" + endpoint.id() + "/deliveries",
                "/v1/webhooks/endpoints/" + endpoint.id() + "/deliveries/" + deliveryId)) {
            String body = given().auth().oauth2(api.token()).when().get(path).then().statusCode(200).extract().asString();
            assertNoTrace(body, endpoint.secret(), rotated);
        }
        String updated = given().auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "description", "renamed"))
                .when().put("/v1/webhooks/endpoints/" + endpoint.id()).then().statusCode(200).extract().asString();
        assertNoTrace(updated, endpoint.secret(), rotated);
    }

    @Test
    void givenAnEndpointStoredInPlaintextBeforeTheUpgrade_whenThePassRuns_thenItIsEncryptedAndStillSigns()
            throws Exception {
        String id = "ep_legacy_" + UUID.randomUUID().toString().replace("-", "");
        String secret = WebhookSecrets.generate();
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "INSERT INTO webhook_endpoint (id, clinic_id, url, event_types, secret, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, now(), now())", id, clinic, receiver.url(),
                    EventType.FORM_FAULT.type(), secret);
        }
        publish(TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, null));
        WebhookReceiver.Received beforePass = receiver.awaitRequests(1).get(0);
        new Webhook(secret).verify(beforePass.body(), beforePass.headers());

        // A row locked at that moment (a delivery's outcome being recorded) is left to the next pass.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            atRest.run();
            return row(dataSource, "public", id).get("secret") == null;
        });

        Map<String, Object> encrypted = row(dataSource, "public", id);
        assertThat(encrypted.get("secret_key_id")).isEqualTo("dev");
        assertNoTrace(rowAsText(dataSource, "public", id), secret);
        publish(TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, null));
        WebhookReceiver.Received afterPass = receiver.awaitRequests(2).get(1);
        new Webhook(secret).verify(afterPass.body(), afterPass.headers());
        atRest.run();
        assertThat((byte[]) row(dataSource, "public", id).get("secret_ciphertext"))
                .as("a second pass leaves an encrypted secret as it is").isEqualTo(encrypted.get("secret_ciphertext"));
    }

    @Test
    void givenASecretUnderAKeyThisInstanceLacks_whenDelivering_thenNothingUnsignedIsSentAndAReplayWorksOnceTheKeyIsBack()
            throws Exception {
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of(EventType.FORM_FAULT.type()));
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "UPDATE webhook_endpoint SET secret_key_id = 'retired' WHERE id = ?", endpoint.id());
        }

        publish(TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, null));

        Map<String, Object> dead = api.awaitDeliveries(endpoint.id(), "dead_lettered", 1).get(0);
        List<String> outcomes = api.delivery(endpoint.id(), (String) dead.get("id")).getList("attempts.outcome");
        assertThat(outcomes).isNotEmpty().containsOnly("secret_unreadable");
        assertThat(receiver.received()).isEmpty();

        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "UPDATE webhook_endpoint SET secret_key_id = 'dev' WHERE id = ?", endpoint.id());
        }
        given().auth().oauth2(api.token()).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/deliveries/" + dead.get("id") + "/replay")
                .then().statusCode(202);
        WebhookReceiver.Received replayed = receiver.awaitRequests(1).get(0);
        new Webhook(endpoint.secret()).verify(replayed.body(), replayed.headers());
    }

    @Test
    void givenTheSchemaOfThePreviousRelease_whenMigratedAndPassedAndReKeyed_thenEveryRowIsEncryptedOnceAndStillSigns()
            throws Exception {
        String schema = "secrets_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource own = schemaDataSource(schema);
        migrate(schema, "4");
        String plain = WebhookSecrets.generate();
        String current = WebhookSecrets.generate();
        String overlapping = WebhookSecrets.generate();
        String expired = WebhookSecrets.generate();
        Instant now = Instant.now();
        try (Connection connection = own.getConnection()) {
            insertLegacy(connection, "ep_plain", plain, null, null);
            insertLegacy(connection, "ep_rotating", current, overlapping, now.plus(Duration.ofHours(1)));
            insertLegacy(connection, "ep_expired", expired, WebhookSecrets.generate(), now.minus(Duration.ofHours(1)));
        }
        migrate(schema, "latest");

        SecretsAtRest.Pass pass = new SecretsAtRest(own, secrets, InstantSource.system()).run();

        assertThat(pass.reencrypted()).isEqualTo(3);
        assertThat(pass.expiredRemoved()).isEqualTo(1);
        assertThat(pass.unreadable()).isEmpty();
        for (String id : List.of("ep_plain", "ep_rotating", "ep_expired")) {
            Map<String, Object> row = row(own, schema, id);
            assertThat(row.get("secret")).isNull();
            assertThat(row.get("previous_secret")).isNull();
            assertThat(row.get("secret_key_id")).isEqualTo("dev");
            assertNoTrace(rowAsText(own, schema, id), plain, current, overlapping, expired);
        }
        assertSigns(own, schema, "ep_plain", secrets, plain);
        assertSigns(own, schema, "ep_rotating", secrets, current, overlapping);
        assertSigns(own, schema, "ep_expired", secrets, expired);
        assertThat(row(own, schema, "ep_expired").get("previous_secret_ciphertext")).isNull();
        assertThat(new SecretsAtRest(own, secrets, InstantSource.system()).run()).isEqualTo(new SecretsAtRest.Pass(0, 0, Map.of()));

        // A new master key: readable by every instance first, then active; the pass re-encrypts every row once.
        String devKey = ConfigProvider.getConfig().getValue(EndpointSecrets.KEYS_PROPERTY, String.class);
        EndpointSecrets reKeyed = new EndpointSecrets(SecretCipher.parse(
                List.of(devKey, "k2:" + SecretCipher.newKey()), Optional.of("k2")));
        SecretsAtRest reKeying = new SecretsAtRest(own, reKeyed, InstantSource.system());
        assertThat(reKeying.run()).isEqualTo(new SecretsAtRest.Pass(3, 0, Map.of()));
        assertThat(reKeying.run()).isEqualTo(new SecretsAtRest.Pass(0, 0, Map.of()));
        for (String id : List.of("ep_plain", "ep_rotating", "ep_expired")) {
            assertThat(row(own, schema, id)).containsEntry("secret_key_id", "k2");
        }
        assertThat(row(own, schema, "ep_rotating")).containsEntry("previous_secret_key_id", "k2");
        assertSigns(own, schema, "ep_rotating", reKeyed, current, overlapping);

        // An instance without the new key refuses to start, naming the key it lacks.
        SecretsAtRest stale = new SecretsAtRest(own, secrets, InstantSource.system());
        assertThatThrownBy(() -> stale.onStart(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 endpoint(s) cannot be decrypted")
                .hasMessageContaining("'k2'")
                .hasMessageContaining(EndpointSecrets.KEYS_PROPERTY);

        // A ciphertext copied to another endpoint's row does not decrypt there.
        try (Connection connection = own.getConnection()) {
            execute(connection, "UPDATE webhook_endpoint SET secret_ciphertext = (SELECT secret_ciphertext FROM"
                    + " webhook_endpoint WHERE id = 'ep_plain') WHERE id = 'ep_expired'");
        }
        assertThatThrownBy(() -> assertSigns(own, schema, "ep_expired", reKeyed, plain))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class)
                .hasMessageContaining("does not authenticate");
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void assertSigns(PGSimpleDataSource ds, String schema, String id, EndpointSecrets with,
                                     String... expected) throws Exception {
        Map<String, Object> row = row(ds, schema, id);
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = id;
        endpoint.secretKeyId = (String) row.get("secret_key_id");
        endpoint.secretCiphertext = (byte[]) row.get("secret_ciphertext");
        endpoint.previousSecretKeyId = (String) row.get("previous_secret_key_id");
        endpoint.previousSecretCiphertext = (byte[]) row.get("previous_secret_ciphertext");
        Timestamp expires = (Timestamp) row.get("previous_secret_expires");
        endpoint.previousSecretExpires = expires == null ? null : expires.toInstant();

        List<String> signing = with.signingSecrets(endpoint, Instant.now());

        assertThat(signing).containsExactly(expected);
        long timestamp = Instant.now().getEpochSecond();
        String body = "{\"type\":\"io.spinestream.form.fault.v1\"}";
        String header = WebhookSigner.header(signing, "msg_" + id, timestamp, body);
        for (String secret : expected) {
            new Webhook(secret).verify(body, WebhookSignerTest.headers("msg_" + id, timestamp, header));
        }
    }

    /** Neither a secret nor its key (the base64 after whsec_) nor the key's bytes appear in {@code text}. */
    private static void assertNoTrace(String text, String... secrets) {
        for (String secret : secrets) {
            String key = secret.substring(WebhookSecrets.PREFIX.length());
            assertThat(text).doesNotContain(key);
            assertThat(text).doesNotContain(new String(Base64.getDecoder().decode(key), StandardCharsets.ISO_8859_1));
            assertThat(text).doesNotContainIgnoringCase(hex(Base64.getDecoder().decode(key)));
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }

    private static void insertLegacy(Connection connection, String id, String secret, String previous, Instant expires)
            throws Exception {
        execute(connection, "INSERT INTO webhook_endpoint (id, clinic_id, url, secret, previous_secret,"
                + " previous_secret_expires, created_at, updated_at) VALUES (?, 'clinic-upgrade',"
                + " 'https://hooks.example.com/a', ?, ?, ?, now(), now())",
                id, secret, previous, expires == null ? null : Timestamp.from(expires));
    }

    private void migrate(String schema, String target) {
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/migration").target(target).load().migrate();
    }

    private static PGSimpleDataSource schemaDataSource(String schema) {
        var config = ConfigProvider.getConfig();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(config.getValue("quarkus.datasource.jdbc.url", String.class));
        ds.setUser(config.getValue("quarkus.datasource.username", String.class));
        ds.setPassword(config.getValue("quarkus.datasource.password", String.class));
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static Map<String, Object> row(javax.sql.DataSource ds, String schema, String id) throws Exception {
        try (Connection connection = ds.getConnection();
             var query = connection.prepareStatement("SELECT * FROM " + schema + ".webhook_endpoint WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet r = query.executeQuery()) {
                assertThat(r.next()).as("endpoint " + id).isTrue();
                Map<String, Object> row = new java.util.HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnName(i), r.getObject(i));
                }
                return row;
            }
        }
    }

    /** The whole row as PostgreSQL prints it, byte columns in hex: what a dump of the table would show. */
    private static String rowAsText(javax.sql.DataSource ds, String schema, String id) throws Exception {
        try (Connection connection = ds.getConnection();
             var query = connection.prepareStatement("SELECT row_to_json(e)::text FROM " + schema
                     + ".webhook_endpoint e WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet r = query.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    private static void execute(Connection connection, String sql, Object... params) throws Exception {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    private static void publish(Alert alert) {
        kafka.publish(Topics.ALERTS, TestAlerts.keyOf(alert), TestAlerts.event(EventType.FORM_FAULT, alert));
    }
}
