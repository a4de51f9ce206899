package io.spinestream.bench.platform;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.simulator.belt.BeltAccount;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Many belts uploading as fast as they are answered (a closed loop: each belt one upload at a time,
 * the next as soon as the last is answered), over Vert.x's non-blocking HTTP/1.1 client with a
 * keep-alive connection per belt. 429 and 503 are retried after their {@code Retry-After}, 409 after
 * a second, network errors after half a second, the same seq each time, as a belt would.
 * What is counted is what was answered 2xx inside the measurement window.
 */
public final class IngestLoad {

    /** The outcome of the measurement window. */
    public record Result(long batches, long samples, long bytes, long retried, long otherErrors, Histogram latencyUs,
                         double seconds) {

        public double samplesPerSecond() {
            return samples / seconds;
        }

        public double batchesPerSecond() {
            return batches / seconds;
        }
    }

    /** A belt of the fleet, with the seq of its next batch (kept across runs: a reused seq is a duplicate). */
    public static final class Belt {
        final int index;
        final BeltAccount account;
        long nextSeq;
        long nextStartMs;
        long k;
        int lastSize;

        /** @param firstStartMs when its first batch starts (each next one starts where the last ended) */
        public Belt(int index, BeltAccount account, long firstSeq, long firstStartMs) {
            this.index = index;
            this.account = account;
            this.nextSeq = firstSeq;
            this.nextStartMs = firstStartMs;
        }
    }

    private final Vertx vertx;
    private final List<Belt> belts;
    private final BeltBodies bodies;
    private final boolean protobuf;

    private volatile boolean measuring;
    private volatile boolean stopping;
    private final LongAdder batches = new LongAdder();
    private final LongAdder samples = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Histogram latency = new ConcurrentHistogram(3);
    private final AtomicInteger inFlight = new AtomicInteger();

    public IngestLoad(Vertx vertx, List<Belt> belts, BeltBodies bodies, boolean protobuf) {
        this.vertx = vertx;
        this.belts = belts;
        this.bodies = bodies;
        this.protobuf = protobuf;
    }

    /**
     * Uploads for {@code warmup} uncounted, then {@code measure} counted; {@code window} is told when
     * the counted window starts and ends (to read the CPU meters at the same moments).
     */
    public Result run(URI target, Duration warmup, Duration measure, Runnable windowStart, Runnable windowEnd)
            throws InterruptedException {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(target.getHost()).setDefaultPort(target.getPort())
                        .setKeepAlive(true).setConnectTimeout(5000).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(belts.size()));
        try {
            for (Belt b : belts) {
                vertx.runOnContext(v -> send(client, b, null));
            }
            Thread.sleep(warmup.toMillis());
            windowStart.run();
            measuring = true;
            long t0 = System.nanoTime();
            Thread.sleep(measure.toMillis());
            measuring = false;
            double seconds = (System.nanoTime() - t0) / 1e9;
            windowEnd.run();
            stopping = true;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (inFlight.get() > 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            return new Result(batches.sum(), samples.sum(), bytes.sum(), retried.sum(), errors.sum(), latency.copy(),
                    seconds);
        } finally {
            CountDownLatch closed = new CountDownLatch(1);
            client.close().onComplete(x -> closed.countDown());
            closed.await(10, TimeUnit.SECONDS);
        }
    }

    /** Sends the belt's next batch ({@code body} null), or the same one again. */
    private void send(HttpClient client, Belt belt, byte[] again) {
        if (stopping) {
            return;
        }
        byte[] body;
        int size;
        if (again != null) {
            body = again;
            size = -1;
        } else {
            TelemetryBatch batch = bodies.next(belt);
            body = BeltBodies.encode(batch, protobuf);
            size = batch.getChannels().getTrunkPitchCount();
        }
        int samplesInBody = size >= 0 ? size : belt.lastSize;
        belt.lastSize = samplesInBody;
        inFlight.incrementAndGet();
        long start = System.nanoTime();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/telemetry")
                .putHeader("Authorization", "Bearer " + belt.account.credential())
                .putHeader("Content-Type", protobuf ? "application/x-protobuf" : "application/json")
                .putHeader("Accept", "application/json")
                .setTimeout(15_000);
        client.request(request)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(ignored -> resp))
                .onComplete(ar -> {
                    inFlight.decrementAndGet();
                    boolean counted = measuring;
                    if (ar.failed()) {
                        if (counted) {
                            errors.increment();
                        }
                        vertx.setTimer(500, t -> send(client, belt, body));
                        return;
                    }
                    int status = ar.result().statusCode();
                    if (status >= 200 && status < 300) {
                        if (counted) {
                            batches.increment();
                            samples.add(samplesInBody);
                            bytes.add(body.length);
                            latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                        }
                        send(client, belt, null);
                    } else if (status == 429 || status == 503 || status == 409) {
                        if (counted) {
                            retried.increment();
                        }
                        long wait = status == 409 ? 1000 : retryAfterMillis(ar.result().getHeader("Retry-After"));
                        vertx.setTimer(wait, t -> send(client, belt, body));
                    } else {
                        if (counted) {
                            errors.increment();
                        }
                        // a refused batch is not sent again (a real belt would drop it too)
                        vertx.setTimer(100, t -> send(client, belt, null));
                    }
                });
    }

    static long retryAfterMillis(String header) {
        if (header == null) {
            return 500;
        }
        try {
            return Math.max(50, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException e) {
            return 1000;
        }
    }
}
