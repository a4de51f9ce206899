package io.spinestream.launcher.demo;

import io.spinestream.simulator.provision.PrivateProperties;

import java.nio.file.Path;
import java.util.Properties;

/**
 * What the demo keeps between runs in {@code .spinestream/demo/demo.properties} (owner-only: it
 * holds the webhook secret): its endpoint and the secret that endpoint signs with.
 */
final class DemoState {

    private final Path file;

    DemoState(Path dir) {
        this.file = dir.resolve("demo.properties");
    }

    String secret(String endpointId) {
        Properties p = PrivateProperties.load(file);
        return endpointId.equals(p.getProperty("webhook.endpoint")) ? p.getProperty("webhook.secret") : null;
    }

    void endpoint(String id, String secret) {
        Properties p = PrivateProperties.load(file);
        p.setProperty("webhook.endpoint", id);
        p.setProperty("webhook.secret", secret);
        PrivateProperties.store(file, p, "spinestream demo: its webhook endpoint and signing secret (keep private)");
    }
}
