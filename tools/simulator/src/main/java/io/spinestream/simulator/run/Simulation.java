package io.spinestream.simulator.run;

import io.spinestream.analysis.core.EffectiveLimits;
import io.spinestream.simulator.belt.BeltAccount;
import io.spinestream.simulator.belt.BeltMetrics;
import io.spinestream.simulator.belt.IngestClient;
import io.spinestream.simulator.belt.VirtualBelt;
import io.spinestream.simulator.motion.MotionGenerator;
import io.spinestream.simulator.motion.Rng;
import io.spinestream.simulator.motion.Scenario;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * N virtual belts against a running platform for a while: streams opened first, then every belt
 * ticking at its batch interval (spread evenly over the interval so a thousand belts do not send
 * at once), a sweep every second, and at the end a drain (queued batches sent, the commands of the
 * last faults awaited) before the streams close.
 *
 * <p>Threads, sized for a thousand belts on two cores: a scheduler of two threads makes and queues
 * batches (microseconds per belt and tick); the HTTP client runs on four; nothing blocks on I/O.
 */
public final class Simulation {

    /** What every belt of the run does. */
    public record Settings(URI ingestUrl, Scenario scenario, int rateHz, Duration batchInterval, Duration duration,
                           boolean protobuf, double faultRate, double duplicateRate, long seed, String firmware,
                           Duration commandTimeout) {

        public Settings {
            Objects.requireNonNull(ingestUrl, "ingestUrl");
            Objects.requireNonNull(scenario, "scenario");
            if (rateHz < MotionGenerator.MIN_RATE_HZ || rateHz > MotionGenerator.MAX_RATE_HZ) {
                throw new IllegalArgumentException("the sample rate must be " + MotionGenerator.MIN_RATE_HZ + "–"
                        + MotionGenerator.MAX_RATE_HZ + " Hz");
            }
            if (batchInterval.toMillis() < 100) {
                throw new IllegalArgumentException("the batch interval must be at least 100 ms (a belt may send 10 batches/s)");
            }
            if (samplesPerBatch(rateHz, batchInterval) > 2000) {
                throw new IllegalArgumentException("a batch holds at most 2000 samples: at " + rateHz
                        + " Hz the batch interval must be at most " + 2000 * 1000 / rateHz + " ms");
            }
            if (!(faultRate >= 0 && faultRate <= 1) || !(duplicateRate >= 0 && duplicateRate <= 1)) {
                throw new IllegalArgumentException("the fault and duplicate rates are shares, within [0, 1]");
            }
        }

        public int samplesPerBatch() {
            return samplesPerBatch(rateHz, batchInterval);
        }

        private static int samplesPerBatch(int rateHz, Duration interval) {
            return (int) Math.max(1, Math.round(rateHz * interval.toNanos() / 1e9));
        }
    }

    /**
     * One belt of the run.
     *
     * @param account        its id and credential
     * @param firstSeq       the seq of its first batch (above all it ever sent)
     * @param limits         its wearer's limits, as the analyzer resolves them
     * @param earlierRepsMs  loaded reps of the last hour (epoch ms), from earlier runs
     */
    public record BeltPlan(BeltAccount account, long firstSeq, EffectiveLimits limits, long[] earlierRepsMs) {
    }

    /** What each belt leaves for the next run: its next seq and its recent loaded reps (epoch ms). */
    public record BeltEnd(String beltId, long nextSeq, long[] recentRepsMs) {
    }

    /**
     * The outcome.
     *
     * @param ran       how long the belts moved
     * @param endedEarly stopped before the duration ({@link #stop()}, {@link #abort()})
     */
    public record Result(BeltMetrics.Snapshot metrics, int belts, int streamsUp, Duration ran, boolean endedEarly,
                         Map<String, Long> scenarios, List<BeltEnd> ends) {
    }

    /** Told every second while the belts run. */
    @FunctionalInterface
    public interface Progress {
        void update(BeltMetrics.Snapshot snapshot, Duration elapsed);
    }

    private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(20);

    private final Settings settings;
    private final List<BeltPlan> plans;
    private final VirtualBelt.CredentialRenewer renewer;
    private final Consumer<String> log;
    private final BeltMetrics metrics = new BeltMetrics();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean aborted;

    public Simulation(Settings settings, List<BeltPlan> plans, VirtualBelt.CredentialRenewer renewer,
                      Consumer<String> log) {
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("no belts to simulate");
        }
        this.settings = settings;
        this.plans = List.copyOf(plans);
        this.renewer = renewer;
        this.log = log;
    }

    public BeltMetrics metrics() {
        return metrics;
    }

    /** Ends the run early (Ctrl-C); {@link #run} then drains and returns. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Ends the run at once, without draining (the platform is going away). */
    public void abort() {
        aborted = true;
        stopRequested.countDown();
    }

    /** Runs the belts for the duration (or until {@link #stop()}), then drains; blocks until done. */
    public Result run(Progress progress) throws InterruptedException {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(2, daemon("simulator-scheduler"));
        ExecutorService http = Executors.newFixedThreadPool(4, daemon("simulator-http"));
        try {
            return run(progress, scheduler, new IngestClient(settings.ingestUrl(), http));
        } finally {
            scheduler.shutdownNow();
            http.shutdownNow();
        }
    }

    private Result run(Progress progress, ScheduledExecutorService scheduler, IngestClient client)
            throws InterruptedException {
        Rng seeds = new Rng(settings.seed());
        VirtualBelt.Behaviour behaviour = new VirtualBelt.Behaviour(settings.batchInterval().toNanos(),
                settings.samplesPerBatch(), settings.protobuf(), settings.duplicateRate(), settings.firmware(),
                settings.commandTimeout().toNanos());
        long nowMs = System.currentTimeMillis();
        List<VirtualBelt> belts = new ArrayList<>(plans.size());
        Map<String, Long> scenarios = new LinkedHashMap<>();
        for (BeltPlan p : plans) {
            long[] earlierUs = new long[p.earlierRepsMs() == null ? 0 : p.earlierRepsMs().length];
            for (int i = 0; i < earlierUs.length; i++) {
                earlierUs[i] = (p.earlierRepsMs()[i] - nowMs) * 1000;
            }
            MotionGenerator motion = MotionGenerator.live(settings.scenario(), settings.rateHz(), settings.faultRate(),
                    p.limits(), seeds.nextSeed(), earlierUs);
            scenarios.merge(motion.scenario().code(), 1L, Long::sum);
            belts.add(new VirtualBelt(p.account(), p.firstSeq(), motion, client, scheduler, metrics, behaviour,
                    seeds.nextSeed(), renewer, log));
        }

        // streams first, spread over up to 2 s, so that no command of the first faults is missed
        long spreadNanos = Math.min(2_000_000_000L, 2_000_000L * belts.size());
        for (int i = 0; i < belts.size(); i++) {
            VirtualBelt b = belts.get(i);
            scheduler.schedule(b::connect, spreadNanos * i / belts.size(), TimeUnit.NANOSECONDS);
        }
        long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
        while (!aborted && System.nanoTime() < deadline && belts.stream().anyMatch(b -> !b.streamSettled())) {
            if (stopRequested.await(100, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        int streamsUp = (int) belts.stream().filter(VirtualBelt::streamUp).count();
        if (streamsUp < belts.size()) {
            log.accept((belts.size() - streamsUp) + " of " + belts.size() + " command streams did not open within "
                    + CONNECT_WAIT.toSeconds() + " s; their commands come with upload answers instead");
        }

        // every belt ticks at the interval, offset so that the fleet's uploads are spread evenly
        long interval = settings.batchInterval().toNanos();
        long t0 = System.nanoTime();
        long epoch0 = System.currentTimeMillis();
        List<ScheduledFuture<?>> ticks = new ArrayList<>(belts.size());
        for (int i = 0; i < belts.size(); i++) {
            VirtualBelt b = belts.get(i);
            long offset = interval * i / belts.size();
            b.start(epoch0 + offset / 1_000_000, t0 + offset);
            ticks.add(scheduler.scheduleAtFixedRate(() -> tickSafely(b), offset + interval, interval,
                    TimeUnit.NANOSECONDS));
        }
        ScheduledFuture<?> sweeps = scheduler.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (VirtualBelt b : belts) {
                b.sweep(now);
            }
        }, 1, 1, TimeUnit.SECONDS);
        AtomicInteger seconds = new AtomicInteger();
        ScheduledFuture<?> reports = scheduler.scheduleAtFixedRate(() -> progress.update(metrics.snapshot(),
                Duration.ofSeconds(seconds.incrementAndGet())), 1, 1, TimeUnit.SECONDS);

        boolean endedEarly = stopRequested.await(settings.duration().toNanos(), TimeUnit.NANOSECONDS);
        Duration ran = Duration.ofNanos(System.nanoTime() - t0);
        ticks.forEach(t -> t.cancel(false));
        reports.cancel(false);
        belts.forEach(VirtualBelt::stopMoving);

        // drain: what is queued is sent, then the commands of the last faults are awaited
        long drainUntil = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (!aborted && System.nanoTime() < drainUntil && belts.stream().anyMatch(b -> !b.drained())) {
            Thread.sleep(100);
        }
        long awaitUntil = System.nanoTime() + settings.commandTimeout().toNanos();
        while (!aborted && System.nanoTime() < awaitUntil && belts.stream().anyMatch(b -> b.awaitingCommands() > 0)) {
            Thread.sleep(100);
        }
        sweeps.cancel(false);
        belts.forEach(VirtualBelt::stop);

        List<BeltEnd> ends = new ArrayList<>(belts.size());
        for (int i = 0; i < belts.size(); i++) {
            VirtualBelt b = belts.get(i);
            long[] reps = b.motion().recentLoadedReps();
            long beltEpochMs = epoch0 + interval * i / belts.size() / 1_000_000;
            long[] repsMs = new long[reps.length];
            for (int k = 0; k < reps.length; k++) {
                repsMs[k] = beltEpochMs + reps[k] / 1000;
            }
            ends.add(new BeltEnd(b.beltId(), b.nextSeq(), repsMs));
            metrics.addRepetitions(b.motion().repetitions());
        }
        return new Result(metrics.snapshot(), belts.size(), streamsUp, ran, endedEarly, scenarios, ends);
    }

    private void tickSafely(VirtualBelt b) {
        try {
            b.tick(System.nanoTime());
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: say so, keep the fleet going
            log.accept(b.beltId() + ": " + e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
