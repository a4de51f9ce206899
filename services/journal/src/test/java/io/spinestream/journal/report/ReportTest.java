package io.spinestream.journal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.journal.support.Fortnight;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.IsoFields;

import static io.restassured.RestAssured.given;
import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.wearerToken;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ReportTest {

    private static final String CLINIC = "clinic-a";
    private static Fortnight fortnight;
    private static Document page;

    @BeforeEach
    void seedOnce() throws Exception {
        if (fortnight != null) {
            return;
        }
        fortnight = Fortnight.seed(CLINIC);
        String html = given().header("Authorization", clinician(CLINIC)).accept("text/html")
                .when().get("/v1/wearers/" + fortnight.wearer + "/report" + fortnight.query())
                .then().statusCode(200).contentType("text/html").extract().asString();
        // Kept for a look in a browser (it is self-contained): target/report-sample.html
        Files.writeString(Path.of("target", "report-sample.html"), html, StandardCharsets.UTF_8);
        page = Jsoup.parse(html);
    }

    private static String metric(String name) {
        return page.selectFirst("[data-metric=" + name + "]").text();
    }

    private static String week(int index) {
        var monday = fortnight.from.plusWeeks(index);
        return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static String cell(String week, String column) {
        return page.selectFirst("tr[data-week=" + week + "] td[data-col=" + column + "]").text();
    }

    @Test
    void givenSeededFortnight_whenReportOpened_thenTheHeadlineNumbersAreThoseRecorded() {
        assertThat(page.title()).contains("Alex Sample");
        assertThat(page.selectFirst("[data-external-ref]").text()).isEqualTo(fortnight.externalRef);
        assertThat(metric("pain-entries")).isEqualTo("7");
        assertThat(metric("mean-pain")).isEqualTo("3.9");
        assertThat(metric("red-flag-entries")).isEqualTo("1");
        assertThat(metric("sessions")).isEqualTo("5");
        assertThat(metric("volume")).isEqualTo("155.0");
        assertThat(metric("form-score")).isEqualTo("80.0");
        assertThat(metric("advisories")).isEqualTo("1");
        assertThat(page.text()).contains("disc herniation").contains("flexionDeg 18.0").contains("14 days");
    }

    @Test
    void givenSeededFortnight_whenReportOpened_thenEachWeekShowsItsPainVolumeTenPercentLineAndFormScore() {
        String first = week(0);
        String second = week(1);
        assertThat(cell(first, "pain-entries")).isEqualTo("4");
        assertThat(cell(first, "mean-pain")).isEqualTo("3.3");
        assertThat(cell(first, "max-pain")).isEqualTo("6");
        assertThat(cell(first, "volume")).isEqualTo("62.0");
        assertThat(cell(first, "change")).isEqualTo("–");
        assertThat(cell(first, "form-score")).isEqualTo("70.0");
        assertThat(cell(first, "faults")).isEqualTo("3");
        assertThat(cell(second, "pain-entries")).isEqualTo("3");
        assertThat(cell(second, "mean-pain")).isEqualTo("4.7");
        assertThat(cell(second, "volume")).isEqualTo("93.0");
        assertThat(cell(second, "change")).isEqualTo("+50.0 %");
        assertThat(cell(second, "ten-percent-line")).isEqualTo("68.2");
        assertThat(page.selectFirst("tr[data-week=" + second + "] td[data-col=volume]").hasClass("over")).isTrue();
        assertThat(cell(second, "form-score")).isEqualTo("90.0");
        assertThat(cell(second, "training-days")).isEqualTo("3");
    }

    @Test
    void givenSeededFortnight_whenReportOpened_thenRedFlagsAdvisoriesFaultsAndPatternsAreListed() {
        Element flag = page.selectFirst("tr[data-red-flag=" + fortnight.redFlagEntryId + "]");
        assertThat(flag.text()).contains("warning").contains("numbness, severe pain");
        assertThat(page.select("[data-advisory]")).extracting(e -> e.attr("data-advisory"))
                .containsExactly("WEEKLY_VOLUME_SPIKE");
        assertThat(page.selectFirst("tr[data-fault=ROUNDED_BACK]").text()).endsWith("4");
        assertThat(page.selectFirst("tr[data-fault=TWIST_UNDER_LOAD]").text()).endsWith("1");
        assertThat(metric("patterns-status")).startsWith("Not enough data");
        assertThat(page.select("#pain-entries tbody tr")).hasSize(7);
        assertThat(page.select("#pain-entries tbody tr").get(2).text()).contains("concerning").contains("began during exercise");
        assertThat(page.select("#exercise tbody tr")).hasSize(5);
        assertThat(page.selectFirst("[data-metric=red-flag-banner]")).isNotNull();
    }

    @Test
    void givenSeededFortnight_whenReportOpened_thenChartsAreDrawnFromTheSameNumbersWithoutAnyNetwork() throws Exception {
        JsonNode charts = new ObjectMapper().readTree(page.getElementById("chart-data").data());
        assertThat(charts.at("/volume/minutes").toString()).isEqualTo("[62.0,93.0]");
        assertThat(charts.at("/volume/tenPercentLine").toString()).isEqualTo("[null,68.2]");
        assertThat(charts.at("/form/score").toString()).isEqualTo("[70.0,90.0]");
        assertThat(charts.at("/pain/points")).hasSize(7);
        assertThat(charts.at("/pain/days")).hasSize(14);
        assertThat(charts.at("/faults/codes").toString()).isEqualTo("[\"ROUNDED_BACK\",\"TWIST_UNDER_LOAD\"]");
        assertThat(page.select("canvas")).extracting(Element::id)
                .containsExactly("chart-pain", "chart-volume", "chart-form", "chart-faults");
        // Chart.js is inside the page: nothing is loaded from anywhere.
        assertThat(page.select("script[src], link[href], img[src]")).isEmpty();
        assertThat(page.select("script").stream().anyMatch(s -> s.data().contains("Chart.js v"))).isTrue();
    }

    @Test
    void givenOtherCallers_whenReportRequested_thenAnotherClinicGets404AndTheWearerRole403() {
        given().header("Authorization", clinician("clinic-b"))
                .when().get("/v1/wearers/" + fortnight.wearer + "/report").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", wearerToken(CLINIC, fortnight.wearer))
                .when().get("/v1/wearers/" + fortnight.wearer + "/report").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC))
                .when().get("/v1/wearers/" + fortnight.wearer + "/report?from=2026-02-10&to=2026-02-01").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
