package io.spinestream.testing;

/** The broker a test runs against; injected with {@link InjectKafkaBroker}. */
public interface KafkaBroker {

    String bootstrapServers();

    /** Whether this run started the broker itself, and so may stop it. */
    boolean controllable();

    /** Stops the broker for a failure test; the resource is not usable afterwards. */
    void stop();
}
