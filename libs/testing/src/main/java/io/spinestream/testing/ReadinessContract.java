package io.spinestream.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service must prove about its operations surface: readiness is UP on real
 * infrastructure and covers the broker and the service's database by name; liveness, Prometheus
 * metrics and the OpenAPI description are served. A service test extends this and names its checks.
 */
public abstract class ReadinessContract {

    /** Substrings of the health check names that must be present and UP (e.g. "Kafka", "PostgreSQL"). */
    protected abstract List<String> requiredChecks();

    @Test
    void givenRealInfrastructure_whenReadinessQueried_thenUpAndCoveringKafkaAndDatabase() {
        // A stream processor may still be starting right after boot: readiness is awaited, then inspected.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                RestAssured.given().when().get("/q/health/ready").then().statusCode(200));
        JsonPath health = RestAssured.given().when().get("/q/health/ready")
                .then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
        List<String> names = health.getList("checks.name", String.class);
        for (String required : requiredChecks()) {
            assertThat(names).as("readiness checks").anySatisfy(n -> assertThat(n).containsIgnoringCase(required));
        }
        assertThat(health.getList("checks.status", String.class)).containsOnly("UP");
    }

    @Test
    void givenRunningService_whenLivenessQueried_thenUp() {
        RestAssured.given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void givenRunningService_whenMetricsScraped_thenPrometheusTextWithJvmAndHttpMetrics() {
        // Management endpoints are not counted as HTTP traffic; an API request is.
        RestAssured.given().when().get("/v1/metrics-probe");
        String metrics = RestAssured.given().when().get("/q/metrics")
                .then().statusCode(200).extract().asString();

        assertThat(metrics).contains("# TYPE jvm_memory_used_bytes gauge").contains("http_server_requests_seconds");
    }

    @Test
    void givenRunningService_whenOpenApiRequested_thenItDescribesTheVersionedApiAndBearerAuth() {
        String openapi = RestAssured.given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();

        assertThat(openapi).contains("\"/v1/").contains("bearer");
    }
}
