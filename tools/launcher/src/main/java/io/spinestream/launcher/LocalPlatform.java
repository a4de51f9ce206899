package io.spinestream.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single table of what the local platform is made of: ports, services and the environment
 * every service receives. Extend it here.
 */
public final class LocalPlatform {

    public static final String HOST = "127.0.0.1";

    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int POSTGRES_PORT = 5432;
    public static final int MONGO_PORT = 27017;

    public static final String JWT_ISSUER = "https://spinestream.local";

    public static final String DB_USER = "spinestream";
    public static final String DB_PASSWORD = "spinestream";
    public static final List<String> DATABASES =
            List.of("spinestream_ingest", "spinestream_journal", "spinestream_notification");

    public static final String SENSOR_INGEST = "sensor-ingest";
    public static final String FORM_ANALYSIS = "form-analysis";
    public static final String JOURNAL = "journal";
    public static final String NOTIFICATION = "notification";

    /** The services, in start order. */
    public static final List<ServiceSpec> SERVICES = List.of(
            ServiceSpec.quarkus(SENSOR_INGEST, 8081),
            ServiceSpec.quarkus(FORM_ANALYSIS, 8082),
            ServiceSpec.quarkus(JOURNAL, 8083),
            ServiceSpec.quarkus(NOTIFICATION, 8084));

    /** Who may ask for a token. */
    public static final List<String> ROLES = List.of("admin", "clinic_admin", "clinician", "wearer", "integrator");

    private LocalPlatform() {
    }

    /** The service of that name. */
    public static ServiceSpec service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public static String kafkaBootstrap() {
        return HOST + ":" + KAFKA_PORT;
    }

    /**
     * The environment of one service. The services' own defaults match these values; the launcher
     * passes them anyway so that the local platform is described in one place.
     */
    public static Map<String, String> environment(Workspace ws, ServiceSpec service) {
        return environment(ws, service, infraConfig(ws));
    }

    /**
     * The environment of one service against the given infrastructure: what {@code ./spinestream up}
     * passes, with another run's ports (the e2e suite and the platform benchmark run their own
     * infrastructure on free ports beside a running {@code up}).
     */
    public static Map<String, String> environment(Workspace ws, ServiceSpec service, InfraConfig infra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
        env.put("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", ws.publicKeyFile().toString());
        env.put("MP_JWT_VERIFY_ISSUER", JWT_ISSUER);
        env.put("SPINESTREAM_DB_HOST", infra.host());
        env.put("SPINESTREAM_DB_PORT", Integer.toString(infra.postgresPort()));
        env.put("MONGODB_URI", infra.mongoUri());
        env.put("KAFKA_STREAMS_STATE_DIR", ws.stateDir("form-analysis").toString());
        if (service.name().equals(NOTIFICATION)) {
            // the demo's webhook receiver listens on loopback over plain HTTP; on this machine only
            env.put("SPINESTREAM_NOTIFICATION_WEBHOOKS_TARGETS_ALLOW_LOOPBACK", "true");
            env.put("SPINESTREAM_NOTIFICATION_WEBHOOKS_TARGETS_ALLOW_HTTP", "true");
            try {
                env.put(WebhookSecretsKey.ENV, WebhookSecretsKey.of(ws).setting());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the key of the webhook secrets", e);
            }
        }
        return env;
    }

    /** The infrastructure configuration of the real local platform. */
    public static InfraConfig infraConfig(Workspace ws) {
        return new InfraConfig(ws, HOST, KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT, MONGO_PORT);
    }
}
