package io.spinestream.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM, persisted to an H2 MVStore file
 * under {@code .spinestream/mongo/}. It lacks TTL indexes, change streams, transactions and
 * {@code $text}; see /work/shared/notes/infra.md.
 */
final class MongoNode implements AutoCloseable {

    private final InfraConfig config;
    private H2Backend backend;
    private MongoServer server;

    MongoNode(InfraConfig config) {
        this.config = config;
    }

    Path storeFile() {
        return config.workspace().mongoDir().resolve("mongo.mv");
    }

    void start() throws IOException {
        Files.createDirectories(config.workspace().mongoDir());
        backend = new H2Backend(storeFile().toString());
        server = new MongoServer(backend);
        server.bind(config.host(), config.mongoPort());
    }

    @Override
    public void close() {
        MongoServer s = server;
        H2Backend b = backend;
        server = null;
        backend = null;
        try {
            if (s != null) {
                s.shutdownNow();
            }
        } finally {
            if (b != null) {
                b.close();
            }
        }
    }
}
