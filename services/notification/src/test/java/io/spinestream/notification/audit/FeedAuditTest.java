package io.spinestream.notification.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.AuditTopicProbe;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The live alert feed streams health data: opening it is recorded before its first event. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class FeedAuditTest {

    @TestHTTPResource("/v1/feed")
    URI feed;

    @Test
    void givenAClinician_whenOpeningTheLiveFeed_thenTheOpeningIsRecorded() throws Exception {
        String clinic = "clinic-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.forClinic(clinic).role(Roles.CLINICIAN).subject("u-watch-1").sign();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // opened and left open: the record is made before the stream starts
        CompletableFuture<HttpResponse<InputStream>> opened = client.sendAsync(HttpRequest.newBuilder(feed)
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());

        try (AuditTopicProbe probe = new AuditTopicProbe(clinic)) {
            AccessRecorded record = probe.await("GET /v1/feed", 200);
            assertThat(record.subject()).isEqualTo("u-watch-1");
            assertThat(record.resource()).isEqualTo("alert_feed");
            assertThat(record.action()).isEqualTo(AuditAction.READ);
            assertThat(record.wearerId()).isNull();
        } finally {
            opened.cancel(true);
        }
    }
}
