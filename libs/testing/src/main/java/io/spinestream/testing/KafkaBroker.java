package io.spinestream.testing;

/** The broker a test runs against; injected with {@link InjectKafkaBroker}. */
public interface KafkaBroker {

    String bootstrapServers();

    /** Whether this run started the broker itself, and so may stop it. */
    boolean controllable();

    /** Stops the broker for a failure test; the resource is not usable afterwards. */
    void stop();

    /**
     * Shuts the in-JVM broker down, keeping its data and its port, until {@link #resumeBroker()}:
     * an outage the application can recover from. Only for the embedded broker.
     */
    void pauseBroker();

    /** Starts a paused broker again on the same port with the same data, and waits until it serves. */
    void resumeBroker();
}
