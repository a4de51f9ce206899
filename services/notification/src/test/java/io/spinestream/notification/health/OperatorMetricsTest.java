package io.spinestream.notification.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.spinestream.events.EventType;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator watches on /q/metrics: alerts taken in, haptic commands, webhook outcomes and queue. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class OperatorMetricsTest {

    @Test
    void givenAlertsFlowing_whenMetricsScraped_thenIntakeHapticAndWebhookMetricsAreThere() {
        String belt = TestAlerts.uniqueBelt();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            for (int i = 0; i < 2; i++) {
                Alert alert = TestAlerts.formFault("clinic-metrics", belt, AlertCodes.ROUNDED_BACK, null);
                kafka.publish(Topics.ALERTS, belt, TestAlerts.event(EventType.FORM_FAULT, alert));
            }
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics)
                    .containsPattern("notification_alerts_received_total\\{[^}]*outcome=\"recorded\"[^}]*} [1-9]")
                    .containsPattern("notification_haptic_commands_total\\{[^}]*outcome=\"emitted\"[^}]*} [1-9]")
                    .containsPattern("notification_haptic_commands_total\\{[^}]*outcome=\"throttled\"[^}]*} [1-9]")
                    .contains("notification_haptic_route_seconds")
                    .contains("notification_webhook_attempts_total{")
                    .contains("notification_webhook_deliveries_total{")
                    .contains("notification_webhook_queue_pending")
                    .contains("notification_webhook_queue_retrying");
        });
    }
}
