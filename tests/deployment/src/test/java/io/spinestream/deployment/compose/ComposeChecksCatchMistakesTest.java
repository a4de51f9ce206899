package io.spinestream.deployment.compose;

import io.spinestream.deployment.service.Repository;
import io.spinestream.deployment.service.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check of {@link ComposeChecks} notices the mistake it is there for: the Compose file, read
 * and then broken in one place, fails the check with a message that names the mistake.
 */
class ComposeChecksCatchMistakesTest {

    private final ComposeFile compose = ComposeFile.load(Repository.path("deploy/docker-compose.yml"));

    private static final ServiceConfig INGEST = ServiceConfig.of("sensor-ingest");
    private static final ServiceConfig ANALYSIS = ServiceConfig.of("form-analysis");
    private static final ServiceConfig JOURNAL = ServiceConfig.of("journal");
    private static final ServiceConfig NOTIFICATION = ServiceConfig.of("notification");

    @Test
    void givenAPortMappingToAnotherContainerPort_whenChecked_thenTheHttpPortIsReported() {
        service("journal").put("ports", new ArrayList<>(List.of("8083:8080")));

        assertThat(ComposeChecks.ports(compose, JOURNAL))
                .anySatisfy(p -> assertThat(p).contains("publishes container ports [8080], not its HTTP port 8083"));
    }

    @Test
    void givenAHealthCheckOnAnotherPathOrPort_whenChecked_thenBothAreReported() {
        healthTest("notification").replaceAll(t -> t.replace("/q/health/ready", "/q/health").replace("/8084", "/8080"));

        assertThat(ComposeChecks.healthcheck(compose, NOTIFICATION))
                .anySatisfy(p -> assertThat(p).contains("does not ask /q/health/ready"))
                .anySatisfy(p -> assertThat(p).contains("does not ask port 8084"));
    }

    @Test
    void givenAVariableTheServiceDoesNotRead_whenChecked_thenTheVariableIsReported() {
        env("sensor-ingest").put("MONGODB_URI", "mongodb://mongodb:27017");

        assertThat(ComposeChecks.environment(compose, INGEST))
                .anySatisfy(p -> assertThat(p).contains("MONGODB_URI is not a property sensor-ingest reads"));
    }

    @Test
    void givenNoKafkaAddress_whenChecked_thenTheLocalDefaultIsReported() {
        env("form-analysis").remove("KAFKA_BOOTSTRAP_SERVERS");

        assertThat(ComposeChecks.environment(compose, ANALYSIS))
                .anySatisfy(p -> assertThat(p).contains("kafka.bootstrap.servers resolves to '127.0.0.1:9092'"))
                .anySatisfy(p -> assertThat(p).contains("quarkus.kafka-streams.bootstrap-servers resolves to '127.0.0.1:9092'"));
    }

    @Test
    void givenAPasswordWrittenIntoTheFile_whenChecked_thenItIsReportedAsNotAnInstallationVariable() {
        env("journal").put("SPINESTREAM_DB_PASSWORD", "spinestream");

        assertThat(ComposeChecks.environment(compose, JOURNAL))
                .anySatisfy(p -> assertThat(p).contains("credential quarkus.datasource.password comes from SPINESTREAM_DB_PASSWORD"));
    }

    @Test
    void givenTheWebhookSecretsKeyLeftOutOrWrittenIntoTheFile_whenChecked_thenBothAreReported() {
        env("notification").remove("SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS");
        List<String> missing = ComposeChecks.environment(compose, NOTIFICATION);
        env("notification").put("SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS",
                "k1:ZGV2LW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=");
        List<String> written = ComposeChecks.environment(compose, NOTIFICATION);

        assertThat(missing).anySatisfy(p -> assertThat(p)
                .contains("spinestream.notification.webhooks.secrets.encryption-keys does not resolve"));
        assertThat(written).anySatisfy(p -> assertThat(p)
                .contains("credential spinestream.notification.webhooks.secrets.encryption-keys comes from"
                        + " SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS"));
    }

    @Test
    void givenAServiceThatDoesNotWaitForItsDatabaseOrTopics_whenChecked_thenBothAreReported() {
        Map<String, Object> dependsOn = ComposeFile.map(service("notification").get("depends_on"));
        dependsOn.remove("postgres");
        dependsOn.remove("kafka-topics");

        assertThat(ComposeChecks.dependencies(compose, NOTIFICATION))
                .anySatisfy(p -> assertThat(p).contains("does not wait for kafka-topics to complete"))
                .anySatisfy(p -> assertThat(p).contains("does not wait for postgres to be healthy"))
                .anySatisfy(p -> assertThat(p).contains("does not wait for kafka to be healthy"));
    }

    @Test
    void givenADatabaseWithoutHealthCheck_whenChecked_thenNothingCanWaitForIt() {
        service("mongodb").remove("healthcheck");

        assertThat(ComposeChecks.dependencies(compose, ANALYSIS))
                .anySatisfy(p -> assertThat(p).contains("service mongodb has no health check for form-analysis to wait on"));
    }

    @Test
    void givenTheStreamsStateOffItsVolume_whenChecked_thenTheStateIsReported() {
        env("form-analysis").put("KAFKA_STREAMS_STATE_DIR", "/home/jboss/state");

        assertThat(ComposeChecks.files(compose, ANALYSIS))
                .anySatisfy(p -> assertThat(p).contains("the Kafka Streams state /home/jboss/state is not on a volume"));
    }

    @Test
    void givenTheStateVolumeNotHandedToTheImageUser_whenChecked_thenTheOwnershipIsReported() {
        compose.services().remove("form-analysis-state");

        assertThat(ComposeChecks.files(compose, ANALYSIS))
                .anySatisfy(p -> assertThat(p).contains("volume form-analysis-state is root's"));
    }

    @Test
    void givenTheJwtKeyReadFromAnUnmountedPath_whenChecked_thenTheKeyIsReported() {
        env("notification").put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:/etc/jwt/public.pem");

        assertThat(ComposeChecks.files(compose, NOTIFICATION))
                .anySatisfy(p -> assertThat(p).contains("the JWT public key /etc/jwt/public.pem is not mounted"));
    }

    @Test
    void givenAWritableRootFileSystem_whenChecked_thenItIsReported() {
        service("sensor-ingest").put("read_only", false);

        assertThat(ComposeChecks.files(compose, INGEST))
                .anySatisfy(p -> assertThat(p).contains("the root file system is writable"));
    }

    @Test
    void givenTopicsCreatedOnAnotherBroker_whenChecked_thenTheMismatchIsReported() {
        env("kafka-topics").put("BOOTSTRAP_SERVERS", "kafka:29092");

        assertThat(ComposeChecks.topics(compose))
                .anySatisfy(p -> assertThat(p).contains("kafka-topics creates topics on kafka:29092, journal uses kafka:9092"));
    }

    @Test
    void givenTheTopicServiceRunningAnotherScript_whenChecked_thenTheScriptIsReported() {
        service("kafka-topics").put("command", new ArrayList<>(List.of("sh", "/spinestream/topics.sh")));

        assertThat(ComposeChecks.topics(compose))
                .anySatisfy(p -> assertThat(p).contains("does not run k8s/base/kafka-topics/create-topics.sh"));
    }

    @Test
    void givenADatabasePasswordThatDiffersFromTheOnePostgresIsInitialisedWith_whenChecked_thenItIsReported() {
        env("notification").put("SPINESTREAM_DB_PASSWORD", "${NOTIFICATION_DB_PASSWORD:-notification}");

        assertThat(ComposeChecks.databases(compose))
                .anySatisfy(p -> assertThat(p).contains("notification's SPINESTREAM_DB_PASSWORD")
                        .contains("is not what postgres is initialised with"));
    }

    @Test
    void givenMongoDbCredentialsCheckedAgainstAnotherDatabase_whenChecked_thenTheAuthSourceIsReported() {
        env("form-analysis").put("QUARKUS_MONGODB_CREDENTIALS_AUTH_SOURCE", "admin");

        assertThat(ComposeChecks.databases(compose))
                .anySatisfy(p -> assertThat(p).contains("form-analysis authenticates against admin, its user is in spinestream_analysis"));
    }

    @Test
    void givenAnImageTagOtherThanTheBuilds_whenChecked_thenTheImageIsReported() {
        service("journal").put("image", "ghcr.io/spinestream/journal:latest");

        assertThat(ComposeChecks.image(compose, JOURNAL))
                .anySatisfy(p -> assertThat(p).contains("runs image ghcr.io/spinestream/journal:latest"));
    }

    @Test
    void givenAServiceMissingFromTheFile_whenChecked_thenItIsReported() {
        compose.services().remove("notification");

        assertThat(ComposeChecks.all(compose)).contains("docker-compose.yml: no service notification");
    }

    private Map<String, Object> service(String name) {
        return compose.service(name).orElseThrow();
    }

    private Map<String, Object> env(String service) {
        return ComposeFile.map(service(service).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private List<String> healthTest(String service) {
        return (List<String>) ComposeFile.map(service(service).get("healthcheck")).get("test");
    }
}
