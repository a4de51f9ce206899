package io.spinestream.notification.erasure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.AlertState;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.events.payload.Severity;
import io.spinestream.notification.alert.AlertTypes;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.notification.webhook.FormFaultDigest;
import io.spinestream.notification.webhook.WebhookBody;
import io.spinestream.notification.webhook.WebhookEventTypes;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries and digest items stored before they named their wearer get the wearer of their payload when the
 * column is added, so an erasure finds them too: the service's own migrations on a schema of their own.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class WearerColumnsMigrationTest {

    private static final String CLINIC = "clinic-backfill";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void givenRowsStoredBeforeTheWearerColumns_whenMigrated_thenEachNamesTheWearerItsPayloadIsAbout() throws Exception {
        String schema = "backfill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        migrate(schema, "3");
        Alert fault = TestAlerts.ofWearer(TestAlerts.formFault(CLINIC, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK,
                "session-1"), "w-fault");
        Alert acknowledged = TestAlerts.redFlag(CLINIC, "w-red-flag", "night_pain", Severity.WARNING);
        Alert anonymous = TestAlerts.ofWearer(TestAlerts.formFault(CLINIC, TestAlerts.uniqueBelt(), AlertCodes.OVERUSE,
                "session-2"), null);
        Alert inDigest = TestAlerts.ofWearer(TestAlerts.formFault(CLINIC, fault.beltId(), AlertCodes.HIGH_IMPACT,
                "session-3"), "w-digest");
        AlertStateChanged change = new AlertStateChanged(acknowledged.alertId(), CLINIC, AlertState.ACKNOWLEDGED,
                "u-physio", Instant.now(), "seen");
        Alert notice = new Alert(TestAlerts.uniqueId(), AlertTypes.ENDPOINT_DISABLED_CODE, Severity.WARNING, CLINIC,
                null, null, null, Instant.now(), null, null, null, false, null, "disabled", Map.of("endpointId", "ep_1"));
        // A digest whose first alert names no wearer: the wearer comes from the one that does.
        FormFaultDigest digest = new FormFaultDigest(CLINIC, "session-3", fault.beltId(), null, 2, inDigest.at(),
                inDigest.at(), List.of(TestAlerts.ofWearer(inDigest, null), inDigest));

        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "INSERT INTO " + schema + ".alert (id, clinic_id, event_type, code, severity, wearer_id,"
                    + " raised_at) VALUES (?, ?, ?, 'night_pain', 'warning', ?, ?)", acknowledged.alertId(), CLINIC,
                    EventType.JOURNAL_RED_FLAG.type(), acknowledged.wearerId(), Timestamp.from(acknowledged.at()));
            execute(connection, "INSERT INTO " + schema + ".webhook_endpoint (id, clinic_id, url, secret, created_at,"
                    + " updated_at) VALUES ('ep_1', ?, 'https://example.com/hooks', 'whsec_x', now(), now())", CLINIC);
            delivery(connection, schema, "dlv_fault", EventType.FORM_FAULT.type(), fault);
            delivery(connection, schema, "dlv_change", EventType.ALERT_STATE_CHANGED.type(), change);
            delivery(connection, schema, "dlv_anonymous", EventType.FORM_FAULT.type(), anonymous);
            delivery(connection, schema, "dlv_notice", AlertTypes.ENDPOINT_DISABLED, notice);
            delivery(connection, schema, "dlv_digest", WebhookEventTypes.FORM_FAULT_DIGEST, digest);
            digestItem(connection, schema, "dgi_fault", fault);
            digestItem(connection, schema, "dgi_anonymous", anonymous);
        }

        migrate(schema, "latest");

        try (Connection connection = dataSource.getConnection()) {
            assertThat(wearers(connection, "SELECT id, wearer_id FROM " + schema + ".webhook_delivery"))
                    .containsExactlyInAnyOrderEntriesOf(map(
                            "dlv_fault", "w-fault",
                            "dlv_change", "w-red-flag",
                            "dlv_anonymous", null,
                            "dlv_notice", null,
                            "dlv_digest", "w-digest"));
            assertThat(wearers(connection, "SELECT id, wearer_id FROM " + schema + ".webhook_digest_item"))
                    .containsExactlyInAnyOrderEntriesOf(map("dgi_fault", "w-fault", "dgi_anonymous", null));
            execute(connection, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void migrate(String schema, String target) {
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/migration").target(target).load().migrate();
    }

    private static void delivery(Connection connection, String schema, String id, String type, Object data)
            throws Exception {
        execute(connection, "INSERT INTO " + schema + ".webhook_delivery (id, endpoint_id, clinic_id, webhook_id,"
                + " event_type, body, status, created_at) VALUES (?, 'ep_1', ?, ?, ?, ?, 'succeeded', now())",
                id, CLINIC, "msg_" + id, type, new WebhookBody(type, Instant.now(), data).toJson());
    }

    private static void digestItem(Connection connection, String schema, String id, Alert alert) throws Exception {
        execute(connection, "INSERT INTO " + schema + ".webhook_digest_item (id, endpoint_id, clinic_id, session_id,"
                + " alert, raised_at, created_at) VALUES (?, 'ep_1', ?, ?, ?, ?, now())",
                id, CLINIC, alert.sessionId(), EventJson.mapper().writeValueAsString(alert), Timestamp.from(alert.at()));
    }

    private static void execute(Connection connection, String sql, Object... params) throws Exception {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    private static Map<String, String> wearers(Connection connection, String sql) throws Exception {
        Map<String, String> found = new HashMap<>();
        try (var query = connection.prepareStatement(sql); var rows = query.executeQuery()) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getString(2));
            }
        }
        return found;
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
