package io.spinestream.ingest.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stops and restarts the broker of {@link RestartableKafkaResource}, keeping its data and port. */
public interface BrokerControl {

    void stopBroker();

    void startBroker();

    String bootstrapServers();

    /** Injects the {@link BrokerControl} into a test field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Inject {
    }
}
