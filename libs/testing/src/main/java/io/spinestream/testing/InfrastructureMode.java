package io.spinestream.testing;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the tests' infrastructure comes from. By default everything is real and embedded in the
 * test JVM (no Docker needed). An environment variable points one component at an external
 * instance; {@code -Dspinestream.test.infra=containers} starts Testcontainers images instead.
 */
public enum InfrastructureMode {
    /** In-JVM Kafka (KRaft), embedded PostgreSQL binaries, in-JVM MongoDB-wire server. */
    EMBEDDED,
    /** Docker images through Testcontainers (machines with a Docker engine). */
    CONTAINERS;

    public static final String PROPERTY = "spinestream.test.infra";

    /** Kafka bootstrap servers of an external broker to use instead of starting one. */
    public static final String KAFKA_ENV = "SPINESTREAM_TEST_KAFKA_BOOTSTRAP_SERVERS";
    /** {@code postgresql://host:port/database} of an external server (with the two variables below). */
    public static final String POSTGRES_URL_ENV = "SPINESTREAM_TEST_POSTGRES_URL";
    public static final String POSTGRES_USER_ENV = "SPINESTREAM_TEST_POSTGRES_USER";
    public static final String POSTGRES_PASSWORD_ENV = "SPINESTREAM_TEST_POSTGRES_PASSWORD";
    /** Connection string of an external MongoDB (e.g. a real mongod, for what the wire server lacks). */
    public static final String MONGODB_URI_ENV = "SPINESTREAM_TEST_MONGODB_URI";

    public static InfrastructureMode current() {
        String value = System.getProperty(PROPERTY, "embedded").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("-D" + PROPERTY + " must be 'embedded' or 'containers', was " + value, e);
        }
    }

    static Optional<String> external(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank());
    }
}
