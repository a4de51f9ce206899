package io.spinestream.deployment.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.spinestream.deployment.service.Repository;
import io.spinestream.deployment.service.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check of {@link KubernetesChecks} notices the mistake it is there for: the clinic overlay,
 * rendered and then broken in one place, fails the check with a message that names the mistake
 * (while the unbroken render passes them all, {@link KubernetesManifestsTest}).
 */
class KubernetesChecksCatchMistakesTest {

    private final Rendered clinic = Rendered.of(Repository.path("k8s/overlays/clinic"), "clinic");

    private static final ServiceConfig INGEST = ServiceConfig.of("sensor-ingest");
    private static final ServiceConfig ANALYSIS = ServiceConfig.of("form-analysis");
    private static final ServiceConfig JOURNAL = ServiceConfig.of("journal");
    private static final ServiceConfig NOTIFICATION = ServiceConfig.of("notification");

    @Test
    void givenTheUnbrokenClinicOverlay_whenChecked_thenNothingIsReported() {
        assertThat(KubernetesChecks.all(clinic)).isEmpty();
    }

    @Test
    void givenAContainerPortOtherThanTheServicesHttpPort_whenChecked_thenTheMismatchIsReported() {
        container("sensor-ingest").getPorts().get(0).setContainerPort(8080);

        assertThat(KubernetesChecks.ports(clinic, INGEST)).anySatisfy(p -> assertThat(p)
                .contains("no container port 8081").contains("quarkus.http.port"));
    }

    @Test
    void givenAServiceTargetingAnotherPort_whenChecked_thenTheServiceIsReported() {
        clinic.named(Service.class, "journal").orElseThrow().getSpec().getPorts().get(0).setTargetPort(new IntOrString(8080));

        assertThat(KubernetesChecks.ports(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("Service journal port 8083 targets").contains("HTTP port 8083"));
    }

    @Test
    void givenAProbeAskingAPathTheServiceDoesNotServe_whenChecked_thenTheProbeIsReported() {
        container("notification").getReadinessProbe().getHttpGet().setPath("/health/ready");

        assertThat(KubernetesChecks.probes(clinic, NOTIFICATION)).anySatisfy(p -> assertThat(p)
                .contains("readiness probe asks /health/ready").contains("serves it at /q/health/ready"));
    }

    @Test
    void givenAProbeOnAnotherPort_whenChecked_thenTheProbeIsReported() {
        container("journal").getLivenessProbe().getHttpGet().setPort(new IntOrString(9000));

        assertThat(KubernetesChecks.probes(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("liveness probe asks port").contains("health is on 8083"));
    }

    @Test
    void givenAReadinessTimeoutNoLongerThanTheBrokerCheck_whenChecked_thenTheTimeoutIsReported() {
        container("form-analysis").getReadinessProbe().setTimeoutSeconds(3);

        assertThat(KubernetesChecks.probes(clinic, ANALYSIS)).anySatisfy(p -> assertThat(p)
                .contains("readiness probe gives up after 3 s").contains("3000 ms"));
    }

    @Test
    void givenAVariableNoPropertyOfTheServiceReads_whenChecked_thenTheVariableIsReported() {
        // form-analysis keeps nothing in PostgreSQL, although the shared defaults name spinestream.db.*.
        addEnv("form-analysis", "SPINESTREAM_DB_HOST", "db.example");
        addEnv("sensor-ingest", "QUARKUS_HTTP_PROT", "8081");

        assertThat(KubernetesChecks.environment(clinic, ANALYSIS)).anySatisfy(p -> assertThat(p)
                .contains("SPINESTREAM_DB_HOST is not a property form-analysis reads"));
        assertThat(KubernetesChecks.environment(clinic, INGEST)).anySatisfy(p -> assertThat(p)
                .contains("QUARKUS_HTTP_PROT is not a property sensor-ingest reads"));
    }

    @Test
    void givenAVariableSettingAPropertyFixedAtBuildTime_whenChecked_thenItIsReported() {
        addEnv("journal", "QUARKUS_DATASOURCE_DB_KIND", "mysql");

        assertThat(KubernetesChecks.environment(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("QUARKUS_DATASOURCE_DB_KIND sets quarkus.datasource.db-kind").contains("fixes at build time"));
    }

    @Test
    void givenTheDatabaseHostNotProvided_whenChecked_thenTheLocalDefaultIsReported() {
        removeEnv("journal", "SPINESTREAM_DB_HOST");

        assertThat(KubernetesChecks.environment(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("quarkus.datasource.reactive.url resolves to 'postgresql://127.0.0.1:5432/spinestream_journal'"));
    }

    @Test
    void givenTheMongoDbAddressNotProvided_whenChecked_thenTheLocalDefaultIsReported() {
        removeEnv("form-analysis", "MONGODB_URI");

        assertThat(KubernetesChecks.environment(clinic, ANALYSIS)).anySatisfy(p -> assertThat(p)
                .contains("quarkus.mongodb.connection-string resolves to 'mongodb://127.0.0.1:27017'"));
    }

    @Test
    void givenADatabasePasswordWrittenInTheManifest_whenChecked_thenItIsReportedAsNotASecret() {
        removeEnv("notification", "SPINESTREAM_DB_PASSWORD");
        addEnv("notification", "SPINESTREAM_DB_PASSWORD", "hunter2");

        assertThat(KubernetesChecks.environment(clinic, NOTIFICATION)).anySatisfy(p -> assertThat(p)
                .contains("credential quarkus.datasource.password comes from SPINESTREAM_DB_PASSWORD (value)"));
    }

    @Test
    void givenNoDatabasePassword_whenChecked_thenTheDevelopmentDefaultIsReported() {
        removeEnv("sensor-ingest", "SPINESTREAM_DB_PASSWORD");

        assertThat(KubernetesChecks.environment(clinic, INGEST)).anySatisfy(p -> assertThat(p)
                .contains("credential quarkus.datasource.password is left at the development default"));
    }

    @Test
    void givenNoKeyForTheWebhookSecretsAtRest_whenChecked_thenTheMissingKeyIsReported() {
        removeEnv("notification", "SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS");

        assertThat(KubernetesChecks.environment(clinic, NOTIFICATION)).anySatisfy(p -> assertThat(p)
                .contains("spinestream.notification.webhooks.secrets.encryption-keys does not resolve")
                .contains("SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS"));
    }

    @Test
    void givenTheWebhookSecretsKeyWrittenInTheManifest_whenChecked_thenItIsReportedAsNotASecret() {
        removeEnv("notification", "SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS");
        addEnv("notification", "SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS",
                "k1:ZGV2LW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=");

        assertThat(KubernetesChecks.environment(clinic, NOTIFICATION)).anySatisfy(p -> assertThat(p)
                .contains("credential spinestream.notification.webhooks.secrets.encryption-keys comes from"
                        + " SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS (value)"));
    }

    @Test
    void givenAConfigMapKeyTheManifestsDoNotDefine_whenChecked_thenTheReferenceIsReported() {
        env("journal", "SPINESTREAM_DB_PORT").getValueFrom().getConfigMapKeyRef().setKey("DB_PORT");

        assertThat(KubernetesChecks.environment(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("SPINESTREAM_DB_PORT refers to ConfigMap spinestream-platform key DB_PORT"));
    }

    @Test
    void givenAServiceSettingThatDefaultsToTheLocalMachine_whenChecked_thenTheDeploymentMustProvideIt() {
        // A setting a developer adds with a local default, which no deployment provides yet.
        Map<String, String> own = new java.util.LinkedHashMap<>(ServiceConfig.of("journal").properties());
        own.put("spinestream.journal.reports.renderer-url", "http://127.0.0.1:3000");
        ServiceConfig changed = ServiceConfig.withProperties(JOURNAL, own);

        assertThat(KubernetesChecks.environment(clinic, changed)).anySatisfy(p -> assertThat(p)
                .contains("spinestream.journal.reports.renderer-url resolves to 'http://127.0.0.1:3000'")
                .contains("SPINESTREAM_JOURNAL_REPORTS_RENDERER_URL"));
    }

    @Test
    void givenTheStreamsStateDirectoryOutsideItsVolume_whenChecked_thenTheReadOnlyPathIsReported() {
        env("form-analysis", "KAFKA_STREAMS_STATE_DIR").setValue("/var/lib/kafka-streams");

        assertThat(KubernetesChecks.volumes(clinic, ANALYSIS)).anySatisfy(p -> assertThat(p)
                .contains("/var/lib/kafka-streams is written by form-analysis but is not on a writable volume"));
    }

    @Test
    void givenTheJwtKeyNotMounted_whenChecked_thenTheMissingKeyIsReported() {
        container("notification").getVolumeMounts().removeIf(m -> m.getName().equals("jwt"));

        assertThat(KubernetesChecks.volumes(clinic, NOTIFICATION)).anySatisfy(p -> assertThat(p)
                .contains("the JWT public key /etc/spinestream/jwt/jwt-public.pem is not on a mounted Secret"));
    }

    @Test
    void givenAWritableRootFileSystemAndNoMemoryLimit_whenChecked_thenBothAreReported() {
        Container c = container("journal");
        c.getSecurityContext().setReadOnlyRootFilesystem(false);
        c.getResources().getLimits().remove("memory");

        assertThat(KubernetesChecks.hardening(clinic, JOURNAL))
                .anySatisfy(p -> assertThat(p).contains("root file system is writable"))
                .anySatisfy(p -> assertThat(p).contains("no memory limit"));
    }

    @Test
    void givenADisruptionBudgetSelectingOtherPods_whenChecked_thenTheServiceHasNone() {
        clinic.named(PodDisruptionBudget.class, "notification").orElseThrow().getSpec().getSelector().getMatchLabels()
                .put("app.kubernetes.io/name", "notifications");

        assertThat(KubernetesChecks.availability(clinic, NOTIFICATION)).anySatisfy(p -> assertThat(p)
                .contains("0 PodDisruptionBudgets select its pods"));
    }

    @Test
    void givenAnImageTheBuildDoesNotMake_whenChecked_thenTheImageIsReported() {
        container("sensor-ingest").setImage("ghcr.io/spinestream/ingest:" + Repository.version());

        assertThat(KubernetesChecks.image(clinic, INGEST)).anySatisfy(p -> assertThat(p)
                .contains("runs image ghcr.io/spinestream/ingest:").contains("the build makes ghcr.io/spinestream/sensor-ingest:"));
    }

    @Test
    void givenAMovingImageTag_whenChecked_thenTheTagIsReported() {
        container("journal").setImage("ghcr.io/spinestream/journal:latest");

        assertThat(KubernetesChecks.image(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("runs image ghcr.io/spinestream/journal:latest: a moving tag"));
    }

    @Test
    void givenAKedaTriggerOnAGroupTheServiceDoesNotUse_whenChecked_thenTheGroupIsReported() {
        trigger("form-analysis", 0).put("consumerGroup", "form-analysis-telemetry");

        assertThat(KubernetesChecks.autoscaling(clinic)).anySatisfy(p -> assertThat(p)
                .contains("consumer group form-analysis-telemetry is not a shared group of form-analysis"));
    }

    @Test
    void givenAKedaTriggerOnAnotherTopicThanItsGroupReads_whenChecked_thenTheTopicIsReported() {
        trigger("notification", 0).put("topic", "spinestream.belt-status.v1");

        assertThat(KubernetesChecks.autoscaling(clinic)).anySatisfy(p -> assertThat(p)
                .contains("group notification-haptics reads spinestream.alerts.v1, not spinestream.belt-status.v1"));
    }

    @Test
    void givenMoreReplicasThanPartitions_whenChecked_thenTheIdleConsumersAreReported() {
        spec("notification").put("maxReplicaCount", 24);

        assertThat(KubernetesChecks.autoscaling(clinic)).anySatisfy(p -> assertThat(p)
                .contains("up to 24 replicas, but spinestream.alerts.v1 has 12 partitions"));
    }

    @Test
    void givenAnAutoscaledDeploymentThatSetsReplicas_whenChecked_thenTheConflictIsReported() {
        clinic.deployment("form-analysis").orElseThrow().getSpec().setReplicas(2);

        assertThat(KubernetesChecks.autoscaling(clinic)).anySatisfy(p -> assertThat(p)
                .contains("Deployment form-analysis is autoscaled but sets replicas: 2"));
    }

    @Test
    void givenTheKafkaPolicyOnAnotherPort_whenChecked_thenEveryKafkaClientIsCutOff() {
        policy("spinestream-allow-kafka").getSpec().getEgress().get(0).getPorts().get(0).setPort(new IntOrString(9093));

        assertThat(KubernetesChecks.networkPolicies(clinic, JOURNAL))
                .anySatisfy(p -> assertThat(p).contains("do not let it reach KAFKA").contains(":9092/TCP"))
                .anySatisfy(p -> assertThat(p).contains("allows port 9093/TCP, which its configuration does not use"));
        assertThat(KubernetesChecks.topicsJob(clinic)).anySatisfy(p -> assertThat(p).contains("do not let it reach Kafka"));
    }

    @Test
    void givenAServiceAllowedToReachADatabaseItDoesNotUse_whenChecked_thenTheExtraPortIsReported() {
        Rendered.pod(clinic.deployment("form-analysis").orElseThrow()).getMetadata().getLabels()
                .put("spinestream.io/postgresql-client", "true");

        assertThat(KubernetesChecks.networkPolicies(clinic, ANALYSIS)).anySatisfy(p -> assertThat(p)
                .contains("allows port 5432/TCP, which its configuration does not use"));
    }

    @Test
    void givenTheDatabaseInANamespaceThePolicyDoesNotAllow_whenChecked_thenTheDatabaseIsUnreachable() {
        clinic.configMap("spinestream-platform").orElseThrow().getData().put("SPINESTREAM_DB_HOST", "pg-rw.databases.svc");

        assertThat(KubernetesChecks.networkPolicies(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("do not let it reach POSTGRESQL").contains("pg-rw.databases.svc:5432"));
        // The webhook rule's public addresses exclude the cluster's private ones: no way in there either.
        assertThat(KubernetesChecks.networkPolicies(clinic, NOTIFICATION)).anySatisfy(p -> assertThat(p)
                .contains("do not let it reach POSTGRESQL").contains("pg-rw.databases.svc:5432"));
    }

    @Test
    void givenWebhooksAllowedIntoAPrivateNetwork_whenChecked_thenTheGuardMismatchIsReported() {
        policy("spinestream-allow-webhooks").getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getExcept()
                .remove("10.0.0.0/8");

        assertThat(KubernetesChecks.networkPolicies(clinic, NOTIFICATION)).anySatisfy(p -> assertThat(p)
                .contains("may send webhooks to 10.0.0.0/8").contains("allow-private=false"));
    }

    @Test
    void givenPublicEgressForAServiceThatSendsNoWebhooks_whenChecked_thenItIsReported() {
        Rendered.pod(clinic.deployment("journal").orElseThrow()).getMetadata().getLabels()
                .put("spinestream.io/webhook-client", "true");

        assertThat(KubernetesChecks.networkPolicies(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("may send to any public address, but it calls no webhooks"));
    }

    @Test
    void givenKeysFromTheIdentityProvidersJwksUrl_whenNoPolicyLetsThePodsReachIt_thenTheProviderIsReported() {
        env("journal", "MP_JWT_VERIFY_PUBLICKEY_LOCATION").setValue("https://login.clinic.example/realms/clinic/certs");

        assertThat(KubernetesChecks.networkPolicies(clinic, JOURNAL)).anySatisfy(p -> assertThat(p)
                .contains("do not let it reach JWKS").contains("login.clinic.example:443/TCP"));
    }

    @Test
    void givenNoPolicyLettingTrafficIn_whenChecked_thenTheHttpPortIsReported() {
        clinic.objects().remove(policy("sensor-ingest-allow-http"));

        assertThat(KubernetesChecks.networkPolicies(clinic, INGEST)).anySatisfy(p -> assertThat(p)
                .contains("do not let traffic in on its HTTP port 8081"));
    }

    @Test
    void givenNoDefaultDenyPolicy_whenChecked_thenTheTopicJobIsReportedAsOpenToTraffic() {
        clinic.objects().remove(policy("spinestream-default-deny"));
        clinic.objects().remove(policy("spinestream-allow-dns"));

        // Its egress stays isolated by the Kafka policy; nothing else selects it for ingress.
        assertThat(KubernetesChecks.topicsJob(clinic)).anySatisfy(p -> assertThat(p)
                .contains("Job spinestream-topics: no network policy isolates its pods (ingress is open)"));
    }

    @Test
    void givenTheTopicJobReadingAnotherKafka_whenChecked_thenTheJobIsReported() {
        EnvVar bootstrap = clinic.named(Job.class, "spinestream-topics").orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().get(0);
        bootstrap.setValueFrom(null);
        bootstrap.setValue("kafka.other.svc:9092");

        assertThat(KubernetesChecks.topicsJob(clinic)).anySatisfy(p -> assertThat(p)
                .contains("BOOTSTRAP_SERVERS does not come from where the services' KAFKA_BOOTSTRAP_SERVERS does"));
    }

    @Test
    void givenASecretTheOperationsGuideDoesNotDescribe_whenChecked_thenTheSecretIsReported() {
        env("journal", "SPINESTREAM_DB_PASSWORD").getValueFrom().getSecretKeyRef().setName("journal-database-login");

        assertThat(KubernetesChecks.secretsDocumented(clinic)).anySatisfy(p -> assertThat(p)
                .contains("Secret journal-database-login is expected but docs/operations.md does not say how to create it"));
    }

    @Test
    void givenAServiceWithoutDeployment_whenChecked_thenTheMissingServiceIsReported() {
        clinic.objects().remove(clinic.deployment("journal").orElseThrow());

        assertThat(KubernetesChecks.workloads(clinic)).containsExactly("clinic: no Deployment journal");
    }

    private Container container(String deployment) {
        return Rendered.container(clinic.deployment(deployment).orElseThrow());
    }

    private EnvVar env(String deployment, String name) {
        return container(deployment).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }

    private void addEnv(String deployment, String name, String value) {
        container(deployment).getEnv().add(new EnvVarBuilder().withName(name).withValue(value).build());
    }

    private void removeEnv(String deployment, String name) {
        assertThat(container(deployment).getEnv().removeIf(e -> e.getName().equals(name))).isTrue();
    }

    private NetworkPolicy policy(String name) {
        return clinic.named(NetworkPolicy.class, name).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> spec(String scaledObject) {
        GenericKubernetesResource so = clinic.custom("ScaledObject").stream()
                .filter(o -> o.getMetadata().getName().equals(scaledObject)).findFirst().orElseThrow();
        return (Map<String, Object>) so.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> trigger(String scaledObject, int index) {
        List<Object> triggers = new ArrayList<>((List<Object>) spec(scaledObject).get("triggers"));
        return (Map<String, Object>) ((Map<String, Object>) triggers.get(index)).get("metadata");
    }
}
