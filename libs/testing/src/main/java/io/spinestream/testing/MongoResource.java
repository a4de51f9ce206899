package io.spinestream.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.testcontainers.mongodb.MongoDBContainer;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A MongoDB-wire server for a Quarkus test: mongo-java-server in the test JVM (speaks the real
 * driver's protocol; no TTL, transactions, change streams or $text, so the services need none),
 * an external MongoDB ({@value InfrastructureMode#MONGODB_URI_ENV}), or a Testcontainers image.
 */
public class MongoResource implements QuarkusTestResourceLifecycleManager {

    static final String MONGO_IMAGE = "mongo:7";

    private MongoServer server;
    private MongoDBContainer container;

    @Override
    public Map<String, String> start() {
        var external = InfrastructureMode.external(InfrastructureMode.MONGODB_URI_ENV);
        if (external.isPresent()) {
            return Map.of("quarkus.mongodb.connection-string", external.get());
        }
        if (InfrastructureMode.current() == InfrastructureMode.CONTAINERS) {
            container = new MongoDBContainer(MONGO_IMAGE);
            container.start();
            return Map.of("quarkus.mongodb.connection-string", container.getReplicaSetUrl());
        }
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        return Map.of("quarkus.mongodb.connection-string",
                "mongodb://127.0.0.1:" + address.getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
        if (container != null) {
            container.stop();
            container = null;
        }
    }
}
