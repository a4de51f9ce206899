package io.spinestream.e2e.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Belt;
import io.spinestream.e2e.client.Clinic;
import io.spinestream.e2e.client.Http;
import io.spinestream.e2e.client.Wearer;
import io.spinestream.e2e.client.WebhookSubscription;
import io.spinestream.e2e.logscan.IssuedSecrets.SecretKind;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;
import io.spinestream.e2e.telemetry.BeltTelemetry;
import io.spinestream.e2e.telemetry.Rep;
import io.spinestream.events.EventType;
import io.spinestream.events.topic.TopicSpec;
import io.spinestream.events.topic.Topics;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

/**
 * security.md "Logs": no token, secret or health data in any log of the run. Runs after every other
 * scenario (its {@code @Order}), plays a canary clinic through every API that takes a secret or health
 * data — and so never scans a run without traffic —, then scans every line of every log of the whole run
 * for every token and secret the run issued or sent, the canary's health data in any recognisable form,
 * and raw telemetry.
 */
@Order(100)
@ExtendWith(PlatformExtension.class)
class LogScanIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String FORM_FAULT = "io.spinestream.form.fault.v1";
    private static final String RED_FLAG = "io.spinestream.journal.red-flag.v1";
    private static final String STATE_CHANGED = "io.spinestream.notification.alert-state-changed.v1";
    private static final List<String> ROLES = List.of("admin", "clinic_admin", "clinician", "wearer", "integrator");

    /** Free text unique to this run, one per field, so that a hit names the field it came from. */
    private final String sfx = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final Map<String, String> canaryText = new LinkedHashMap<>();

    @Test
    void givenTheWholeRunAndACanaryClinicUsingEverySecretAndHealthField_whenEveryLogLineIsScanned_thenNoTokenSecretHealthDataOrTelemetryIsInAnyLog(
            PlatformUnderTest platform) throws Exception {
        // Given: the run so far, and a canary clinic with one of every secret and every kind of health data
        Canary canary = playCanary(platform);

        // and records no consumer can read, carrying canary text, on every topic the services consume
        Map<TopicPartition, Long> poison = publishUnreadableRecords(platform.kafkaBootstrap());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
            await("every consumer group to move past the unreadable records " + poison)
                    .until(() -> consumedByEveryGroup(admin, poison));
        }

        // When every log of the run is read, once the canary's last requests and its erasure are in them
        Path logs = platform.logsDir();
        Map<String, String> markers = new LinkedHashMap<>();
        markers.put(PlatformUnderTest.JOURNAL, "\"DELETE /v1/wearers/" + canary.wearer.id() + " ");
        markers.put(PlatformUnderTest.SENSOR_INGEST, "\"POST /v1/belts/" + canary.belt + "/credential ");
        markers.put(PlatformUnderTest.FORM_ANALYSIS, "\"GET /v1/wearers/" + canary.wearer.id() + "/sessions ");
        markers.put(PlatformUnderTest.NOTIFICATION, "\"POST /v1/alerts/" + canary.faultAlert.path("id").asText() + "/resolve ");
        await("every service's log to show the canary's requests and its erasure " + canary.erasureId).until(() ->
                markers.entrySet().stream().allMatch(m -> {
                    String log = read(logs.resolve(m.getKey() + ".log"));
                    return log.contains(m.getValue()) && log.contains(canary.erasureId);
                }));
        Map<String, List<String>> lines = readLogs(logs);

        // Then the scan saw real logs: every service's, each with the canary's requests in it
        for (String service : PlatformUnderTest.serviceNames()) {
            assertThat(lines).as("logs of the run in %s", logs).containsKey(service);
            assertThat(lines.get(service)).as("lines of %s's log", service).hasSizeGreaterThan(20)
                    .anyMatch(l -> l.contains(markers.get(service)));
        }
        // (the infrastructure's logs too: PostgreSQL's output, Kafka's and the embedded servers' logging)
        assertThat(lines).as("logs of the run in %s", logs).containsKeys("postgres", "kafka", "launcher");
        Map<SecretKind, Integer> issued = IssuedSecrets.counts();
        assertThat(issued.get(SecretKind.ACCESS_TOKEN)).as("access tokens of the run").isGreaterThanOrEqualTo(ROLES.size());
        assertThat(issued.get(SecretKind.BELT_CREDENTIAL)).as("belt credentials of the run").isGreaterThanOrEqualTo(2);
        assertThat(issued.get(SecretKind.WEBHOOK_SECRET)).as("webhook secrets of the run").isGreaterThanOrEqualTo(2);

        // and no line of any of them holds a secret, the canary's health data or telemetry
        LeakScanner scanner = scanner(canary);
        List<LeakScanner.Hit> hits = new ArrayList<>();
        lines.forEach((source, content) -> hits.addAll(scanner.scan(source, content)));
        System.out.printf("[logscan] %d lines in %d logs scanned for %d patterns (%s); %d hit(s)%n",
                lines.values().stream().mapToInt(List::size).sum(), lines.size(), scanner.size(), issued, hits.size());
        if (!hits.isEmpty()) {
            throw new LeaksFound(logs, hits);
        }
    }

    // --- the canary ---------------------------------------------------------------------------------

    /** What the canary did, for the markers and the scan. */
    private record Canary(Wearer wearer, String belt, List<TelemetryBatch> telemetry, JsonNode faultAlert,
                          JsonNode redFlagAlert, String erasureId) {
    }

    private String canary(String field) {
        return canaryText.computeIfAbsent(field, f -> "Cnry" + f.replaceAll("[^A-Za-z]", "") + sfx);
    }

    private Canary playCanary(PlatformUnderTest platform) throws Exception {
        Http http = platform.http();
        Clinic clinic = Clinic.create(platform, "logscan");
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLES) {
            if (!role.equals("wearer")) {
                tokens.put(role, clinic.token(role));
            }
        }
        String journal = platform.journal();
        String ingest = platform.ingest();
        String notification = platform.notification();

        // an integrator's endpoint with its signing secret, rotated once (both secrets are shown once)
        WebhookSubscription hooks = clinic.subscribe(FORM_FAULT, RED_FLAG, STATE_CHANGED);
        http.post(notification + "/v1/webhooks/endpoints/" + hooks.endpointId() + "/rotate-secret", tokens.get("integrator"),
                Map.of("overlap", "PT1H")).expect(200);

        // a wearer with a name, the clinic's reference, a birth year, conditions and limits
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("flexionDeg", 13.7);
        limits.put("rotationDeg", 21.3);
        Map<String, Object> enrol = new LinkedHashMap<>();
        enrol.put("externalRef", externalRef());
        enrol.put("displayName", canary("displayName"));
        enrol.put("birthYear", 1937);
        enrol.put("timeZone", "Europe/Vienna");
        enrol.put("conditions", List.of("spondylolisthesis"));
        enrol.put("limits", limits);
        JsonNode enrolled = http.post(journal + "/v1/wearers", tokens.get("clinician"), enrol).expect(201).json();
        Wearer wearer = new Wearer(enrolled.path("id").asText(), externalRef());
        tokens.put("wearer", platform.token("wearer", clinic.id(), wearer.id()));
        // the same reference again (409), a lookup by it (in the query string), the profile changed with a reason
        http.post(journal + "/v1/wearers", tokens.get("clinician"), enrol).expect(409);
        http.get(journal + "/v1/wearers?externalRef=" + externalRef(), tokens.get("admin")).expect(200);
        http.put(journal + "/v1/wearers/" + wearer.id() + "/profile", tokens.get("clinician"), Map.of(
                "conditions", List.of("spondylolisthesis", "facet_irritation"), "limits", limits,
                "reason", canary("profileReason"))).expect(200);

        // the wearer's own pain entry and exercise entry, full of free text; refused input echoing a canary
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String painUrl = journal + "/v1/wearers/" + wearer.id() + "/pain-entries";
        http.post(painUrl, tokens.get("wearer"), pain(now.minusSeconds(600))).expect(201);
        Map<String, Object> refused = pain(now.minusSeconds(500));
        refused.put("locations", List.of(canary("refusedLocation")));
        http.post(painUrl, tokens.get("wearer"), refused).expect(400);
        http.postBytes(painUrl, tokens.get("wearer"), "application/json",
                ("{\"note\":\"" + canary("malformedBody") + "\",").getBytes(StandardCharsets.UTF_8)).expect(400);
        http.post(journal + "/v1/wearers/" + wearer.id() + "/exercise-entries", tokens.get("wearer"), exercise(now))
                .expect(201);
        // a red flag, recorded by the clinician
        Map<String, Object> redFlag = pain(now.minusSeconds(60));
        redFlag.put("symptoms", List.of("saddle_numbness"));
        redFlag.put("note", canary("redFlagNote"));
        http.post(painUrl, tokens.get("clinician"), redFlag).expect(201);
        http.get(painUrl, tokens.get("wearer")).expect(200);
        http.put(journal + "/v1/wearers/" + wearer.id() + "/consent", tokens.get("wearer"), Map.of("ehrExport", true))
                .expect(200);

        // a belt with its credential, rotated; the rotated-away one presented again
        Belt provisioned = clinic.beltWornBy(wearer);
        String credential = http.send("POST", ingest + "/v1/belts/" + provisioned.id() + "/credential", tokens.get("admin"),
                "application/json", null, null).expect(200).json().path("credential").asText();
        http.get(ingest + "/v1/belts", tokens.get("admin")).expect(200);
        BeltTelemetry telemetry = new BeltTelemetry(provisioned.id(), Instant.now(), 1);
        List<TelemetryBatch> set = telemetry.set("deadlift", List.of(Rep.clean(), Rep.rounded(25)));
        provisioned.uploadWith(provisioned.credential(), set.get(0)).expect(401);
        for (TelemetryBatch batch : set) {
            provisioned.uploadWith(credential, batch).expect(200);
        }
        provisioned.uploadWith(credential, telemetry.still("standing", Duration.ofSeconds(1))).expect(200);
        http.openEventStream(ingest + "/v1/belts/" + provisioned.id() + "/commands", credential, Duration.ofSeconds(5))
                .expect(200);

        // the deadlift's fault (an alert with details) and the red flag reach notification; staff handle them
        String alerts = notification + "/v1/alerts?wearerId=" + wearer.id();
        JsonNode fault = await("the canary's ROUNDED_BACK alert").until(
                () -> http.get(alerts + "&code=ROUNDED_BACK", tokens.get("clinician")).expect(200).json().path("items"),
                items -> items.size() > 0).get(0);
        JsonNode flag = await("the canary's red-flag alert").until(
                () -> http.get(alerts + "&type=" + RED_FLAG + "&code=saddle_numbness", tokens.get("clinician")).expect(200)
                        .json().path("items"), items -> items.size() > 0).get(0);
        String faultUrl = notification + "/v1/alerts/" + fault.path("id").asText();
        http.post(faultUrl + "/acknowledge", tokens.get("clinician"), Map.of("note", canary("acknowledgeNote"))).expect(200);
        http.post(faultUrl + "/resolve", tokens.get("clinic_admin"), Map.of("note", canary("resolveNote"))).expect(200);

        // what the platform made of it, as staff read it: the session, the exercise log, the report, the FHIR export
        await("the canary's deadlift session in the exercise log").until(() -> clinic.beltSessions(wearer, "deadlift"),
                found -> !found.isEmpty());
        http.get(platform.analysis() + "/v1/wearers/" + wearer.id() + "/sessions", tokens.get("clinician")).expect(200);
        http.send("GET", journal + "/v1/wearers/" + wearer.id() + "/report", tokens.get("clinician"), "text/html", null, null)
                .expect(200);
        http.send("GET", journal + "/v1/wearers/" + wearer.id() + "/fhir", tokens.get("clinician"), "application/fhir+json",
                null, null).expect(200);
        await("the canary endpoint's deliveries").until(hooks::settled);

        // and the wearer erased, everywhere
        String erasureId = http.send("DELETE", journal + "/v1/wearers/" + wearer.id(), tokens.get("clinic_admin"),
                "application/json", null, null).expect(202).json().path("id").asText();
        await("erasure " + erasureId + " completed by every service").until(() -> http.get(journal + "/v1/erasures/"
                + erasureId, tokens.get("clinic_admin")).expect(200).json().path("status").asText(), "completed"::equals);
        return new Canary(wearer, provisioned.id(), set, fault, flag, erasureId);
    }

    private String externalRef() {
        return "CNRY-" + sfx + "-REF";
    }

    private Map<String, Object> pain(Instant at) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", at.toString());
        entry.put("locations", List.of("leg_below_knee_left", "buttock_right"));
        entry.put("qualities", List.of("electric"));
        entry.put("intensity", 7);
        entry.put("onset", "hours_after");
        entry.put("onsetHours", 13.5);
        entry.put("worseAt", List.of("night"));
        entry.put("triggers", List.of(canary("triggerCode").toLowerCase(Locale.ROOT)));
        entry.put("triggersText", canary("triggersText"));
        entry.put("relievingFactors", List.of("heat"));
        entry.put("relievingText", canary("relievingText"));
        entry.put("symptoms", List.of("radiating_leg_pain"));
        entry.put("movementResponse", "worsens");
        entry.put("treatments", List.of(Map.of("kind", "medication", "name", canary("medicationName"),
                "dose", canary("medicationDose"), "effect", "improved")));
        entry.put("mood", 3);
        entry.put("stress", 9);
        entry.put("note", canary("painNote"));
        return entry;
    }

    private Map<String, Object> exercise(Instant startedAt) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("exercise", "other");
        entry.put("name", canary("exerciseName"));
        entry.put("startedAt", startedAt.minusSeconds(3600).toString());
        entry.put("durationMinutes", 47);
        entry.put("sets", 3);
        entry.put("reps", 8);
        entry.put("loadKg", 87.5);
        entry.put("rpe", 8);
        entry.put("equipment", canary("equipment"));
        entry.put("note", canary("exerciseNote"));
        return entry;
    }

    /**
     * Per topic of the registry that a service consumes: a value that is not JSON, and a CloudEvent of each of
     * the topic's types whose data breaks the contract (a canary where a number, a time or a code belongs);
     * both carry canary text, which a consumer, its
     * deserializer or its Kafka client must not echo into a log when it rejects them.
     *
     * @return the partition and offset of each topic's last unreadable record
     */
    private Map<TopicPartition, Long> publishUnreadableRecords(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        Map<TopicPartition, Long> last = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (TopicSpec<?, ?> topic : Topics.all()) {
                if (topic.consumers().isEmpty()) {
                    continue;
                }
                List<byte[]> values = new ArrayList<>();
                values.add((canary("unreadableRecord") + " is no JSON").getBytes(StandardCharsets.UTF_8));
                values.add(("{" + canary("unreadableObject") + ": 1}").getBytes(StandardCharsets.UTF_8));
                for (EventType type : EventType.values()) {
                    if (type.topic().name().equals(topic.name())) {
                        values.add(("{\"specversion\":\"1.0\",\"id\":\"logscan-" + sfx + "-" + type.name()
                                + "\",\"source\":\"/e2e/logscan\",\"type\":\"" + type.type()
                                + "\",\"clinicid\":\"e2e-logscan-" + sfx + "\",\"datacontenttype\":\"application/json\""
                                + ",\"time\":\"" + Instant.now() + "\",\"data\":{\"" + mistypedField(type) + "\":\""
                                + canary("invalidEventValue") + "\"}}").getBytes(StandardCharsets.UTF_8));
                    }
                }
                for (byte[] value : values) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), "logscan-" + sfx, value);
                    record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                    RecordMetadata written = producer.send(record).get(30, TimeUnit.SECONDS);
                    last.put(new TopicPartition(written.topic(), written.partition()), written.offset());
                }
            }
        }
        return last;
    }

    /** A field of the type's data that is no string: a canary there breaks the contract (and would be echoed). */
    private static String mistypedField(EventType type) {
        return switch (type.dataClass().getSimpleName()) {
            case "Alert" -> "severity";
            case "SessionSummary" -> "startedAt";
            case "WearerProfile" -> "birthYear";
            case "BeltCommand" -> "pattern";
            case "BeltStatus" -> "battery";
            case "AlertStateChanged" -> "state";
            case "ErasureRequested" -> "requestedAt";
            case "ErasureCompleted" -> "completedAt";
            default -> "version";
        };
    }

    /** Every group that consumes a poisoned topic has committed an offset past its unreadable records. */
    private static boolean consumedByEveryGroup(Admin admin, Map<TopicPartition, Long> poison) throws Exception {
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, Long> p : poison.entrySet()) {
                boolean consumesTopic = committed.keySet().stream().anyMatch(tp -> tp.topic().equals(p.getKey().topic()));
                OffsetAndMetadata at = committed.get(p.getKey());
                if (consumesTopic && (at == null || at.offset() <= p.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    // --- the scan -----------------------------------------------------------------------------------

    private LeakScanner scanner(Canary canary) {
        LeakScanner.Builder scan = LeakScanner.builder();
        IssuedSecrets.all().forEach(scan::secret);
        scan.pattern("Authorization header", "(?i)authorization[\"']?\\s*[:=]")
                .pattern("bearer value", "(?i)bearer\\s+[A-Za-z0-9._~+/=-]{20,}")
                .pattern("JWT-shaped value", "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}")
                .pattern("belt-credential-shaped value", "ssb_[A-Za-z0-9_-]{16}\\.")
                .pattern("webhook-secret-shaped value", "whsec_[A-Za-z0-9+/=]{16,}");

        canaryText.forEach((field, text) -> scan.text("health or personal data: " + field, text));
        scan.text("personal data: externalRef", externalRef())
                .field("personal data: birth year", "birthYear", "1937");
        for (String code : List.of("spondylolisthesis", "facet_irritation")) {
            scan.word("health: condition", code);
        }
        for (String code : List.of("leg_below_knee_left", "buttock_right", "radiating_leg_pain", "saddle_numbness")) {
            scan.word("health: pain location or symptom", code);
        }
        scan.field("health: pain intensity", "intensity", "7")
                .field("health: pain onset", "onsetHours", "13.5")
                .field("health: mood", "mood", "3")
                .field("health: stress", "stress", "9")
                .field("health: pain quality", "qualities", "[\"electric")
                .field("health: exercise load", "loadKg", "87.5")
                .field("health: exercise duration", "durationMinutes", "47")
                .field("health: clinician limit", "flexionDeg", "13.7")
                .field("health: clinician limit", "rotationDeg", "21.3");

        alertFacts(scan, "health: form fault alert", canary.faultAlert());
        alertFacts(scan, "health: red-flag alert", canary.redFlagAlert());

        scan.pattern("telemetry: body", "(?i)\"?(trunk|pelvis)_?(pitch|roll|yaw|acc)\"?\\s*[:=]\\s*\\[?\\s*-?[0-9]");
        String samples = sampleValues(canary.telemetry());
        if (!samples.isEmpty()) {
            scan.pattern("telemetry: sample value", "(?<![0-9.])(" + samples + ")");
        }
        return scan.build();
    }

    /** An alert's reason (prose naming the finding), its measured value, and its details (ids aside). */
    private static void alertFacts(LeakScanner.Builder scan, String kind, JsonNode alert) {
        String reason = alert.path("reason").asText("");
        if (reason.length() >= 12) {
            scan.text(kind + " reason", reason);
        }
        if (alert.path("value").isNumber()) {
            String value = truncated(alert.path("value").asText(), 2);
            scan.pattern(kind + " value", "(?i)(?<![A-Za-z0-9_])value[\"']?\\s{0,2}[:=]?\\s{0,2}" + Pattern.quote(value));
        }
        alert.path("details").fields().forEachRemaining(d -> {
            if (!d.getKey().toLowerCase(Locale.ROOT).endsWith("id") && d.getValue().asText().length() >= 2) {
                scan.field(kind + " detail", d.getKey(), d.getValue().asText());
            }
        });
    }

    /**
     * The canary belt's measured angles (trunk pitch and lumbar flexion) as a log would print them: the first
     * four decimals of the float and of its double widening (they may round differently), where that is
     * five or more digits nobody would write by chance.
     */
    private static String sampleValues(List<TelemetryBatch> batches) {
        TreeSet<String> values = new TreeSet<>();
        for (TelemetryBatch batch : batches) {
            var c = batch.getChannels();
            for (int i = 0; i < c.getTrunkPitchCount(); i++) {
                float trunk = c.getTrunkPitch(i);
                float flexion = trunk - c.getPelvisPitch(i);
                for (float v : new float[] {trunk, flexion}) {
                    if (Math.abs(v) >= 1 && decimals(Float.toString(v)) >= 4) {
                        values.add(truncated(Float.toString(v), 4));
                        values.add(truncated(Double.toString(v), 4));
                    }
                }
            }
        }
        return values.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    private static int decimals(String number) {
        int dot = number.indexOf('.');
        return dot < 0 || number.contains("E") ? 0 : number.length() - dot - 1;
    }

    private static String truncated(String number, int decimals) {
        int dot = number.indexOf('.');
        return dot < 0 ? number : number.substring(0, Math.min(number.length(), dot + 1 + decimals));
    }

    // --- reading the logs -----------------------------------------------------------------------------

    /** Every log of the run by name (a service's, or the infrastructure's: kafka, postgres, launcher). */
    private static Map<String, List<String>> readLogs(Path dir) throws IOException {
        Map<String, List<String>> logs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                logs.put(file.getFileName().toString().replaceFirst("\\.log$", ""), read(file).lines().toList());
            }
        }
        return logs;
    }

    private static String read(Path file) {
        try {
            // lenient: a log may hold bytes that are not UTF-8
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250));
    }
}
