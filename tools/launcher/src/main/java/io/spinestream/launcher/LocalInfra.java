package io.spinestream.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.spinestream.events.topic.TopicProvisioner;
import io.spinestream.events.topic.TopicSpec;
import io.spinestream.events.topic.Topics;

/**
 * The local infrastructure: PostgreSQL, the MongoDB wire server and Kafka, started in that order and
 * stopped in the reverse one (Kafka, Mongo, PostgreSQL). {@link #stop()} may be called from a shutdown
 * hook while {@link #start(Consumer)} is still running: it waits for the component being started and
 * prevents the next ones from starting.
 */
public final class LocalInfra implements AutoCloseable {

    private final InfraConfig config;
    private final Object lock = new Object();
    private volatile boolean stopRequested;
    private boolean stopped;
    private PostgresNode postgres;
    private MongoNode mongo;
    private KafkaNode kafka;

    public LocalInfra(InfraConfig config) {
        this.config = config;
    }

    public InfraConfig config() {
        return config;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public void start(Consumer<String> progress) throws Exception {
        config.workspace().createDirectories(config.workspace().logsDir());
        Logging.configure(config.workspace().logsDir());
        try {
            step(progress, "PostgreSQL", config.host() + ":" + config.postgresPort(), () -> {
                postgres = new PostgresNode(config);
                postgres.start();
            });
            step(progress, "MongoDB (mongo-java-server, H2 file)", config.host() + ":" + config.mongoPort(), () -> {
                mongo = new MongoNode(config);
                mongo.start();
            });
            step(progress, "Kafka (KRaft broker+controller)", config.kafkaBootstrap()
                    + " (controller " + config.kafkaControllerPort() + ")", () -> {
                kafka = new KafkaNode(config);
                kafka.start();
            });
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    private void step(Consumer<String> progress, String what, String where, Step step) throws Exception {
        synchronized (lock) {
            if (stopRequested) {
                throw new CancellationException("shutting down");
            }
            long t0 = System.nanoTime();
            progress.accept(String.format("  starting %s ...", what));
            step.run();
            progress.accept(String.format("  %-38s ready on %s (%.1f s)", what, where, (System.nanoTime() - t0) / 1e9));
        }
    }

    /**
     * Creates the missing topics of the project's topic registry (replication factor 1).
     *
     * @return the names of the registry's topics
     */
    public List<String> ensureTopics(Duration timeout) throws InterruptedException, TimeoutException {
        List<TopicSpec<?, ?>> topics = new ArrayList<>(Topics.all());
        long deadline = System.nanoTime() + timeout.toNanos();
        TopicProvisioner.ensure(config.kafkaBootstrap(), topics, (short) 1, timeout);
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        // created means committed by the controller; wait until the broker's metadata shows them too
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()))) {
            while (true) {
                try {
                    if (admin.listTopics().names().get(5, TimeUnit.SECONDS).containsAll(names)) {
                        return names;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // retry until the deadline
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the topics " + names + " are not visible after " + timeout);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Stops Kafka, then Mongo, then PostgreSQL. Idempotent; never throws. */
    public void stop() {
        stopRequested = true;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            closeQuietly("Kafka", kafka);
            closeQuietly("MongoDB", mongo);
            closeQuietly("PostgreSQL", postgres);
            kafka = null;
            mongo = null;
            postgres = null;
        }
    }

    private static void closeQuietly(String what, AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception | Error e) {
            System.err.println("spinestream: stopping " + what + " failed: " + e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
