package io.spinestream.notification.alert;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

// TEMPORARY measuring harness (issue #9): prints latency record timestamp -> receiver; removed after measuring.
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class LatencyHarnessTest {

    @Test
    void measure() throws Exception {
        String clinic = "clinic-lat-" + UUID.randomUUID().toString().substring(0, 8);
        WebhookApi api = new WebhookApi(clinic);
        try (WebhookReceiver receiver = WebhookReceiver.start(); KafkaTestClient kafka = new KafkaTestClient()) {
            api.subscribe(receiver.url(), List.of());
            // warm-up
            run(kafka, receiver, clinic, 20, 50, "warmup");
            run(kafka, receiver, clinic, 60, 100, "steady-10/s");
            run(kafka, receiver, clinic, 300, 0, "burst-300");
        }
    }

    private void run(KafkaTestClient kafka, WebhookReceiver receiver, String clinic, int n, long pauseMs, String label)
            throws Exception {
        int before = receiver.received().size();
        Map<String, Long> sentAt = new HashMap<>();
        List<String> belts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            belts.add(TestAlerts.uniqueBelt());
        }
        for (int i = 0; i < n; i++) {
            Alert alert = TestAlerts.formFault(clinic, belts.get(i % belts.size()), AlertCodes.OVERUSE, null);
            RecordMetadata md = kafka.publish(Topics.ALERTS, alert.beltId(), TestAlerts.event(EventType.FORM_FAULT, alert));
            sentAt.put(alert.alertId(), md.timestamp());
            if (pauseMs > 0) {
                Thread.sleep(pauseMs);
            }
        }
        List<WebhookReceiver.Received> all = receiver.awaitRequests(before + n);
        List<Long> lat = new ArrayList<>();
        for (WebhookReceiver.Received r : all.subList(before, all.size())) {
            String id = JsonPath.from(r.body()).getString("data.alertId");
            Long t = sentAt.get(id);
            if (t != null) {
                lat.add(r.at().toEpochMilli() - t);
            }
        }
        Collections.sort(lat);
        System.out.printf("LATENCY %s n=%d p50=%d p90=%d p99=%d max=%d%n", label, lat.size(),
                lat.get(lat.size() / 2), lat.get(lat.size() * 9 / 10), lat.get(Math.min(lat.size() - 1, lat.size() * 99 / 100)),
                lat.get(lat.size() - 1));
    }
}
