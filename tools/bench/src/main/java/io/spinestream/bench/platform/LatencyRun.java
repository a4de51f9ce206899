package io.spinestream.bench.platform;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import io.spinestream.events.topic.Topics;
import io.spinestream.launcher.FreePorts;
import io.spinestream.simulator.belt.BeltMetrics;
import io.spinestream.simulator.motion.Scenario;
import io.spinestream.simulator.provision.AdminApi;
import io.spinestream.simulator.run.Fleet;
import io.spinestream.simulator.run.Simulation;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Latency of the two paths a person waits on, with the simulator's belts (50 Hz, a 50-sample batch
 * a second, the {@code deadlift} scenario with faults injected: lifting starts soonest): a fault's batch sent → its haptic
 * command on the belt's command stream (the simulator's own measurement), and an alert readable on
 * the alerts topic → its webhook received by a receiver on loopback subscribed to the clinic's form
 * faults. Both ends of the webhook measurement are in this JVM (an independent consumer of the
 * alerts topic, and the receiver), so they share one clock.
 */
public final class LatencyRun {

    /** What one run measured. */
    public record Result(int belts, boolean protobuf, BeltMetrics.Snapshot belt, Histogram webhookUs, long alertsSeen,
                         long webhooksReceived, Duration ran) {

        /** How the run is named in the tables: its belts, and the encoding when it is not JSON. */
        public String label() {
            return label(belts, protobuf);
        }

        static String label(int belts, boolean protobuf) {
            return protobuf ? belts + ", Protobuf" : Integer.toString(belts);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FORM_FAULT = "io.spinestream.form.fault.v1";

    private final BenchPlatform platform;
    private final Vertx vertx;
    private final java.util.function.Consumer<String> log;

    public LatencyRun(BenchPlatform platform, Vertx vertx, java.util.function.Consumer<String> log) {
        this.platform = platform;
        this.vertx = vertx;
        this.log = log;
    }

    public Result run(String clinic, int belts, boolean protobuf, Duration duration, double faultRate,
                      Runnable windowStart, Runnable windowEnd) throws Exception {
        BenchFleet.Prepared fleet = new BenchFleet(platform, log).prepare(clinic, clinic.toUpperCase(), belts, true);
        Map<String, Long> alertSeenNanos = new ConcurrentHashMap<>();
        Histogram webhook = new Histogram(3);
        Map<String, Long> webhookNanos = new ConcurrentHashMap<>();

        int port = FreePorts.take(1)[0];
        HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onComplete(body -> {
            long now = System.nanoTime();
            if (body.succeeded()) {
                try {
                    JsonNode n = JSON.readTree(body.result().getBytes());
                    String alertId = n.path("data").path("alertId").asText(null);
                    if (alertId != null) {
                        webhookNanos.putIfAbsent(alertId, now);
                    }
                } catch (java.io.IOException e) {
                    // not an alert: nothing to time
                }
            }
            req.response().setStatusCode(204).end();
        }));
        receiver.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        AdminApi notification = new AdminApi(URI.create(platform.url(BenchPlatform.NOTIFICATION)), platform.tokens(clinic));
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("url", "http://127.0.0.1:" + port + "/hooks/bench");
        endpoint.put("description", "spinestream bench receiver");
        endpoint.put("eventTypes", List.of(FORM_FAULT));
        endpoint.put("digest", Map.of("enabled", false));
        AdminApi.Answer subscribed = notification.post("/v1/webhooks/endpoints", "integrator", endpoint);
        if (subscribed.status() != 201) {
            throw notification.fail("subscribing the benchmark's webhook receiver", subscribed);
        }

        AtomicBoolean stop = new AtomicBoolean();
        Thread alerts = alertWatcher(alertSeenNanos, stop);
        try {
            Simulation.Settings settings = new Simulation.Settings(URI.create(platform.url(BenchPlatform.SENSOR_INGEST)),
                    Scenario.DEADLIFT, 50, Duration.ofSeconds(1), duration, protobuf, faultRate, 0.0, 42L + belts, "bench-1.0",
                    Duration.ofSeconds(10));
            Simulation sim = new Simulation(settings, fleet.ready().stream().map(Fleet.Ready::plan).toList(),
                    id -> fleet.registry().renew(id), log);
            windowStart.run();
            Simulation.Result r = sim.run((snapshot, elapsed) -> {
                if (elapsed.toSeconds() % 15 == 0) {
                    log.accept(String.format("%d belts, %d s: %d batches accepted, %d faults, %d commands", belts,
                            elapsed.toSeconds(), snapshot.batchesAccepted(), snapshot.injectedTotal(),
                            snapshot.commandsTotal()));
                }
            });
            windowEnd.run();
            Thread.sleep(3000); // webhooks of the last alerts
            webhookNanos.forEach((alertId, received) -> {
                Long seen = alertSeenNanos.get(alertId);
                if (seen != null) {
                    webhook.recordValue(Math.max(1, (received - seen) / 1000));
                }
            });
            return new Result(belts, protobuf, r.metrics(), webhook, alertSeenNanos.size(), webhookNanos.size(), r.ran());
        } finally {
            stop.set(true);
            alerts.join(10_000);
            receiver.close();
        }
    }

    /** Notes when each alert becomes readable on the alerts topic (from its end when the run starts). */
    private Thread alertWatcher(Map<String, Long> seen, AtomicBoolean stop) throws InterruptedException {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.infra().kafkaBootstrap());
        // The broker answers a waiting fetch as soon as an alert arrives; a short fetch.max.wait would
        // only add hundreds of empty fetches a second to the broker being measured.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        java.util.concurrent.CountDownLatch positioned = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (KafkaConsumer<String, Event<?>> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new EventDeserializer())) {
                List<TopicPartition> parts = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(parts);
                consumer.seekToEnd(parts);
                parts.forEach(consumer::position);
                positioned.countDown();
                while (!stop.get()) {
                    for (ConsumerRecord<String, Event<?>> rec : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        Optional.ofNullable(rec.value()).ifPresent(e -> seen.putIfAbsent(e.id(), now));
                    }
                }
            } catch (RuntimeException e) {
                log.accept("the alerts watcher failed: " + e);
                positioned.countDown();
            }
        }, "bench-alerts-watcher");
        t.setDaemon(true);
        t.start();
        positioned.await(30, TimeUnit.SECONDS);
        return t;
    }
}
