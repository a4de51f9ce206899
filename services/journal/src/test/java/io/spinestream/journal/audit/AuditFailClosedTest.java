package io.spinestream.journal.audit;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.spinestream.journal.support.Ids;
import io.spinestream.testing.InjectKafkaBroker;
import io.spinestream.testing.KafkaBroker;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.get;
import static io.spinestream.journal.support.JournalApi.painEntry;
import static io.spinestream.journal.support.JournalApi.postPain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * With no broker to take the audit record, no health data leaves: a read answers 503 instead of its data.
 * A write that already happened keeps its answer (a 503 would make the client repeat it) and is counted as
 * unrecorded, for an operator to see. A broker of its own (a purpose no other test shares), which it stops.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "purpose", value = "audit-outage"))
@WithTestResource(PostgresResource.class)
class AuditFailClosedTest {

    private static final String CANARY = "canary-91c2-numb-left-foot";

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void givenTheBrokerIsGone_whenAClinicianReadsOrWrites_thenTheReadIsRefusedAndTheWriteCountedAsUnrecorded() {
        String clinic = Ids.unique("clinic-audit-outage");
        String wearer = createWearer(clinic);
        Instant at = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String entry = postPain(clinician(clinic), wearer, painEntry(at, Map.of("note", CANARY))).statusCode(201)
                .extract().path("id");
        get(clinician(clinic), "/v1/wearers/" + wearer + "/pain-entries/" + entry).statusCode(200)
                .body(containsString(CANARY));
        double writesUnrecordedBefore = metric("write", "failed");
        double readsUnrecordedBefore = metric("read", "failed");

        broker.stop();

        get(clinician(clinic), "/v1/wearers/" + wearer + "/pain-entries/" + entry).statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5")
                .body("detail", containsString("audit trail")).body(not(containsString(CANARY)));
        postPain(clinician(clinic), wearer, painEntry(at.plusSeconds(60), Map.of())).statusCode(201);

        assertThat(metric("read", "failed")).isEqualTo(readsUnrecordedBefore + 1);
        assertThat(metric("write", "failed")).isEqualTo(writesUnrecordedBefore + 1);
    }

    /** spinestream_audit_records_total of that access and outcome (0 before the first). */
    private static double metric(String access, String outcome) {
        String metrics = RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^spinestream_audit_records_total\\{(?=[^}]*access=\"" + access + "\")(?=[^}]*outcome=\""
                + outcome + "\")[^}]*}\\s+(\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
