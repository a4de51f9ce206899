package io.spinestream.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** A service's own {@code application.properties} as written, for tests that check its settings against the registry. */
public final class ServiceProperties {

    private ServiceProperties() {
    }

    /** The {@code application.properties} on the test's class path (the service's). */
    public static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ServiceProperties.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Every channel's {@code mp.messaging.*.topic}, plus every key under one of {@code extraPrefixes}, sorted. */
    public static Map<String, String> topics(Properties properties, String... extraPrefixes) {
        Map<String, String> topics = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            boolean channel = key.startsWith("mp.messaging.") && key.endsWith(".topic");
            boolean extra = Arrays.stream(extraPrefixes).anyMatch(key::startsWith);
            if (channel || extra) {
                topics.put(key, properties.getProperty(key));
            }
        }
        return topics;
    }
}
