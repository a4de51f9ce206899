package io.spinestream.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Clinic;
import io.spinestream.e2e.client.Http;
import io.spinestream.e2e.client.RunawayClient;
import io.spinestream.e2e.client.Wearer;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;

/**
 * The secure defaults every service ships with (docs/security.md, "Secure defaults"), seen from outside
 * the running platform as a browser or a runaway script would: security headers on every kind of answer,
 * no cross-origin access unless configured, and a per-token rate limit that stops one token without
 * touching another of the same clinic.
 */
@Order(2)
@ExtendWith(PlatformExtension.class)
class SecureDefaultsIT {

    private static final String FOREIGN_ORIGIN = "https://evil.example";
    /** Sends what a browser sends cross-origin (Origin, preflights), which the JSON client never does. */
    private static final HttpClient BROWSER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Far more than the default burst (1000 per token): a runaway script, not a measurement. */
    private static final int RUNAWAY_REQUESTS = 50_000;

    private static PlatformUnderTest platform;
    private static Clinic clinic;
    private static Wearer wearer;

    /** A service, and a request of the clinic's admin it answers 200. */
    private record Service(String name, Function<PlatformUnderTest, String> base, String okPath) {
        String url(String path) {
            return base.apply(platform) + path;
        }
    }

    private static List<Service> services() {
        return List.of(
                new Service("sensor-ingest", PlatformUnderTest::ingest, "/v1/belts"),
                new Service("form-analysis", PlatformUnderTest::analysis, "/v1/wearers/" + wearer.id() + "/sessions"),
                new Service("journal", PlatformUnderTest::journal, "/v1/wearers"),
                new Service("notification", PlatformUnderTest::notification, "/v1/alerts"));
    }

    @BeforeAll
    static void givenAClinicWithAWearer(PlatformUnderTest started) {
        platform = started;
        clinic = Clinic.create(started, "defaults");
        wearer = clinic.enrolWearer("Sam Secure");
    }

    @TestFactory
    Stream<DynamicTest> givenEachService_whenItAnswers200_401_404AndHealth_thenEveryAnswerCarriesTheSecurityHeaders() {
        Http http = platform.http();
        return services().stream().map(service -> DynamicTest.dynamicTest(service.name(), () -> {
            String token = clinic.token("clinic_admin");
            List<Http.Reply> replies = List.of(
                    http.get(service.url(service.okPath()), token).expect(200),
                    http.get(service.url(service.okPath()), null).expect(401),
                    http.get(service.url("/v1/no-such-resource"), token).expect(404),
                    http.get(service.url("/q/health/live"), null).expect(200));

            for (Http.Reply reply : replies) {
                assertSecurityHeaders(reply.request() + " → " + reply.status(), reply.headers());
            }
            assertThat(replies.get(1).headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> givenNoCorsSetting_whenAForeignSitePreflightsOrCalls_thenNoServiceAllowsIt() {
        return services().stream().map(service -> DynamicTest.dynamicTest(service.name(), () -> {
            HttpResponse<String> preflight = BROWSER.send(HttpRequest.newBuilder(
                            java.net.URI.create(service.url(service.okPath())))
                    .header("Origin", FOREIGN_ORIGIN)
                    .header("Access-Control-Request-Method", "DELETE")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> call = BROWSER.send(HttpRequest.newBuilder(
                            java.net.URI.create(service.url(service.okPath())))
                    .header("Origin", FOREIGN_ORIGIN)
                    .header("Authorization", "Bearer " + clinic.token("clinic_admin"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(corsHeaders(preflight.headers())).as("CORS headers of the preflight (%d)", preflight.statusCode())
                    .isEmpty();
            assertThat(call.statusCode()).as("the call itself, which only a browser would refuse to read").isEqualTo(200);
            assertThat(corsHeaders(call.headers())).as("CORS headers of the call").isEmpty();
        }));
    }

    @Test
    void givenTheLiveFeed_whenAClinicianOpensIt_thenItStreamsWithTheSecurityHeaders() {
        Http.Reply feed = platform.http().openEventStream(platform.notification() + "/v1/feed", clinic.token("clinician"),
                Duration.ofSeconds(5));

        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertSecurityHeaders("the live feed", feed.headers());
    }

    @Test
    void givenOneTokenHammeringTheJournal_whenPastItsBurst_then429ProblemWithRetryAfterWhileAnotherTokenOfTheClinicIsServed() {
        String runaway = clinic.token("clinician");
        String colleague = clinic.token("clinician");
        assertThat(runaway).isNotEqualTo(colleague);
        RunawayClient script = new RunawayClient(platform.http());

        Http.Reply throttled = script.untilThrottled(platform.journal() + "/v1/wearers", runaway, RUNAWAY_REQUESTS);

        assertThat(script.statuses()).as("every answer but the throttled ones").containsOnlyKeys(200, 429);
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = throttled.json();
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.path("detail").asText()).startsWith("too many requests with this token");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertSecurityHeaders("the 429", throttled.headers());

        JsonNode served = platform.http().get(platform.journal() + "/v1/wearers", colleague).expect(200).json();
        assertThat(served.path("items")).as("the colleague's list of the clinic's wearers").anySatisfy(
                item -> assertThat(item.path("id").asText()).isEqualTo(wearer.id()));
    }

    private static List<String> corsHeaders(HttpHeaders headers) {
        return headers.map().keySet().stream().filter(name -> name.toLowerCase().startsWith("access-control-")).toList();
    }

    private static void assertSecurityHeaders(String what, HttpHeaders headers) {
        Function<String, String> header = name -> headers.firstValue(name).orElse(null);
        assertThat(header.apply("X-Content-Type-Options")).as("X-Content-Type-Options of %s", what).isEqualTo("nosniff");
        assertThat(header.apply("Cache-Control")).as("Cache-Control of %s", what).isEqualTo("no-store");
        assertThat(header.apply("Referrer-Policy")).as("Referrer-Policy of %s", what).isEqualTo("no-referrer");
        assertThat(header.apply("X-Frame-Options")).as("X-Frame-Options of %s", what).isEqualTo("DENY");
        assertThat(header.apply("Content-Security-Policy")).as("Content-Security-Policy of %s", what)
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(header.apply("Strict-Transport-Security")).as("Strict-Transport-Security of %s", what)
                .isEqualTo("max-age=31536000");
        assertThat(header.apply("Server")).as("Server of %s", what).isNull();
    }
}
