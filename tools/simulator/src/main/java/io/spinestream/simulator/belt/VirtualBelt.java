package io.spinestream.simulator.belt;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.simulator.motion.GeneratedBatch;
import io.spinestream.simulator.motion.InjectedFault;
import io.spinestream.simulator.motion.MotionGenerator;
import io.spinestream.simulator.motion.Rng;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One virtual belt against a running platform, as a phone relaying a real belt would behave: it
 * samples its wearer's motion ({@link MotionGenerator}), sends a batch every interval (JSON or
 * Protobuf, telemetry.md) in order, one at a time, retrying 429 and 503 after their
 * {@code Retry-After}, 409 after a second, network errors with back-off; sometimes sends an
 * acknowledged batch again (a lost answer) and checks it is acknowledged with the original
 * receipt; holds its command stream open; and matches every haptic command it receives to the
 * fault it injected, by the alert's deterministic id (docs/events.md), measuring the time from
 * sending the batch that completed the fault to receiving the command.
 *
 * <p>Thread-safe: ticks, HTTP callbacks and stream events synchronise on the belt.
 */
public final class VirtualBelt {

    /** How the belts of a run behave. */
    public record Behaviour(long batchIntervalNanos, int maxSamples, boolean protobuf, double duplicateRate,
                            String firmware, long commandTimeoutNanos) {
    }

    /** Gets a fresh credential when the platform refuses a belt's (rotated elsewhere, or lost). */
    @FunctionalInterface
    public interface CredentialRenewer {
        Optional<BeltAccount> renew(String beltId);
    }

    private static final long KEEP_SENT_NANOS = 120_000_000_000L;
    /** How far a raised alert may be from the injected fault's predicted alert to count as it. */
    private static final long MATCH_TOLERANCE_US = 2_000_000L;
    /** The stream sends a keep-alive every 15 s; this much silence means it is dead. */
    private static final long STREAM_SILENCE_NANOS = 45_000_000_000L;
    private static final long MAX_BACKOFF_MS = 10_000;
    /** A phone buffers this much telemetry when the platform cannot keep up; older batches are dropped beyond it. */
    static final long BUFFER_NANOS = 600_000_000_000L;

    private record Outgoing(long seq, byte[] body, GeneratedBatch batch, String originalReceipt) {
        boolean duplicate() {
            return originalReceipt != null;
        }
    }

    /** A batch sent (or being sent): where its samples are, and when its accepted attempt started. */
    private static final class Sent {
        final long seq;
        final long firstUs;
        final int samples;
        long sentNanos;

        Sent(long seq, long firstUs, int samples, long sentNanos) {
            this.seq = seq;
            this.firstUs = firstUs;
            this.samples = samples;
            this.sentNanos = sentNanos;
        }
    }

    /** A fault command whose fault is not (yet) expected: its batch may be answered after the command came. */
    private record Orphan(String code, long sampleUs, long receivedNanos) {
    }

    private static final class Expected {
        final InjectedFault fault;
        final long ackNanos;

        Expected(InjectedFault fault, long ackNanos) {
            this.fault = fault;
            this.ackNanos = ackNanos;
        }
    }

    private final String beltId;
    private final MotionGenerator motion;
    private final IngestClient client;
    private final ScheduledExecutorService scheduler;
    private final BeltMetrics metrics;
    private final Behaviour behaviour;
    private final Rng rng;
    private final CredentialRenewer renewer;
    private final Consumer<String> log;
    private final CommandStream stream;

    private BeltAccount account;
    private long nextSeq;
    private double battery;
    private long startEpochMs;
    private long startNanos;
    private boolean started;
    private boolean stopped;
    private boolean inFlight;
    private boolean retryScheduled;
    private boolean streamUp;
    private boolean streamRefused;
    private boolean renewed;
    private boolean draining;
    private int failures;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final ArrayDeque<Sent> sent = new ArrayDeque<>();
    private final List<Expected> expected = new ArrayList<>();
    private final List<Orphan> orphans = new ArrayList<>();
    private final Set<String> commandIds = new HashSet<>();

    /**
     * @param firstSeq the seq of the first batch: above every seq this belt ever sent, since
     *                 {@code (beltId, seq)} is remembered for days
     * @param log      where to say what went wrong (once per kind and belt)
     */
    public VirtualBelt(BeltAccount account, long firstSeq, MotionGenerator motion, IngestClient client,
                       ScheduledExecutorService scheduler, BeltMetrics metrics, Behaviour behaviour, long seed,
                       CredentialRenewer renewer, Consumer<String> log) {
        this.account = account;
        this.beltId = account.beltId();
        this.nextSeq = firstSeq;
        this.motion = motion;
        this.client = client;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.behaviour = behaviour;
        this.rng = new Rng(seed);
        this.renewer = renewer;
        this.log = log;
        this.battery = rng.between(0.6, 1.0);
        this.stream = new CommandStream(client, scheduler, account, new StreamEvents());
    }

    public String beltId() {
        return beltId;
    }

    public synchronized long nextSeq() {
        return nextSeq;
    }

    public MotionGenerator motion() {
        return motion;
    }

    /** Opens the command stream (before any telemetry, so no command is missed). */
    public void connect() {
        stream.open();
    }

    public synchronized boolean streamUp() {
        return streamUp;
    }

    /** Whether the stream opened, or was refused (not worth waiting for). */
    public synchronized boolean streamSettled() {
        return streamUp || streamRefused;
    }

    /** The wearer starts moving now. */
    public synchronized void start(long epochMs, long nanos) {
        startEpochMs = epochMs;
        startNanos = nanos;
        started = true;
    }

    /** Samples the motion up to now and sends what is due; called every batch interval. */
    public void tick(long nowNanos) {
        List<Outgoing> made = new ArrayList<>(2);
        synchronized (this) {
            if (!started || stopped) {
                return;
            }
            long untilUs = (nowNanos - startNanos) / 1000;
            for (GeneratedBatch b : motion.advanceTo(untilUs, behaviour.maxSamples())) {
                // a charge lasts about ten hours; never low enough for a BATTERY_LOW fleet alert
                battery = Math.max(0.35, battery - b.size() / (double) motion.rateHz() / 36_000);
                TelemetryBatch telemetry = b.toTelemetry(beltId, nextSeq++, startEpochMs, motion.rateHz(),
                        behaviour.firmware(), (float) battery);
                byte[] body = behaviour.protobuf() ? telemetry.toByteArray() : TelemetryJson.toJsonBytes(telemetry);
                made.add(new Outgoing(telemetry.getSeq(), body, b, null));
            }
            queue.addAll(made);
            long capacity = Math.max(10, BUFFER_NANOS / behaviour.batchIntervalNanos());
            if (queue.size() > capacity) {
                // keep the head (it may be in flight) and the newest; drop the oldest behind the head
                Iterator<Outgoing> it = queue.iterator();
                it.next();
                while (queue.size() > capacity && it.hasNext()) {
                    Outgoing dropped = it.next();
                    it.remove();
                    if (!dropped.duplicate()) {
                        metrics.error(BeltMetrics.BUFFER_FULL);
                    }
                }
            }
            metrics.backlog(queue.size());
        }
        pump();
    }

    /** Sends the head of the queue unless a request is in flight or a retry is pending. */
    private void pump() {
        Outgoing next;
        BeltAccount as;
        long start;
        synchronized (this) {
            if (inFlight || retryScheduled || queue.isEmpty() || stopped && !draining) {
                return;
            }
            next = queue.peekFirst();
            inFlight = true;
            as = account;
            start = System.nanoTime();
            if (!next.duplicate()) {
                // known before the answer: a command may come before the batch's acknowledgement does
                Sent last = sent.peekLast();
                if (last != null && last.seq == next.seq()) {
                    last.sentNanos = start;
                } else {
                    sent.addLast(new Sent(next.seq(), next.batch().firstUs(), next.batch().size(), start));
                }
                while (start - sent.peekFirst().sentNanos > KEEP_SENT_NANOS) {
                    sent.pollFirst();
                }
            }
        }
        client.upload(as, next.body(), behaviour.protobuf())
                .thenAccept(result -> answered(next, start, result));
    }

    private void answered(Outgoing out, long sentNanos, IngestClient.Upload up) {
        long now = System.nanoTime();
        long retryMs = -1;
        synchronized (this) {
            inFlight = false;
            switch (up.status()) {
                case 200 -> {
                    queue.pollFirst();
                    failures = 0;
                    metrics.uploadLatency.recordValue(Math.max(0, (now - sentNanos) / 1000));
                    accepted(out, sentNanos, now, up.body());
                }
                case 429 -> {
                    metrics.error(BeltMetrics.RATE_LIMITED);
                    retryMs = 1000 * up.retryAfterSeconds().orElse(1);
                }
                case 503 -> {
                    metrics.error(BeltMetrics.UNAVAILABLE);
                    retryMs = 1000 * up.retryAfterSeconds().orElse(5);
                }
                case 409 -> {
                    metrics.error(BeltMetrics.IN_FLIGHT);
                    retryMs = 1000 * up.retryAfterSeconds().orElse(1);
                }
                case 401 -> {
                    metrics.error(BeltMetrics.UNAUTHORIZED);
                    if (!renewCredential()) {
                        say(BeltMetrics.UNAUTHORIZED, "the platform refuses its credential; it stops");
                        stopped = true;
                        queue.clear();
                        stream.close();
                        return;
                    }
                    retryMs = 0;
                }
                case 0 -> {
                    Throwable f = up.failure();
                    metrics.error(f instanceof HttpTimeoutException ? BeltMetrics.TIMEOUT : BeltMetrics.NETWORK);
                    if (!(f instanceof ConnectException) && !(f instanceof IOException)) {
                        say("failure " + f.getClass().getSimpleName(), String.valueOf(f));
                    }
                    retryMs = backoff();
                }
                default -> {
                    if (up.status() >= 500) {
                        metrics.error(BeltMetrics.SERVER_ERROR);
                        retryMs = backoff();
                    } else {
                        // 400, 403, 413, 415: the batch itself is wrong; a phone would drop it
                        queue.pollFirst();
                        String kind = up.status() + " batch refused (dropped)";
                        metrics.error(kind);
                        say(kind, "seq " + out.seq() + ": " + abbreviate(up.body()));
                    }
                }
            }
            if (retryMs >= 0) {
                retryScheduled = true;
            }
        }
        if (retryMs >= 0) {
            scheduler.schedule(() -> {
                synchronized (this) {
                    retryScheduled = false;
                }
                pump();
            }, retryMs, TimeUnit.MILLISECONDS);
        } else {
            pump();
        }
    }

    private long backoff() {
        failures++;
        return Math.min(MAX_BACKOFF_MS, 500L << Math.min(failures, 5));
    }

    /** A 200: record the batch, expect its faults, take the commands of the answer. Holds the lock. */
    private void accepted(Outgoing out, long sentNanos, long now, String body) {
        JsonNode ack;
        try {
            ack = CommandStream.JSON.readTree(body);
        } catch (IOException e) {
            metrics.error("unreadable acknowledgement");
            return;
        }
        String receivedAt = ack.path("receivedAt").asText(null);
        if (out.duplicate()) {
            metrics.duplicatesSent.increment();
            if (out.originalReceipt().equals(receivedAt)) {
                metrics.duplicatesAcknowledged.increment();
            } else {
                metrics.error(BeltMetrics.DUPLICATE_NOT_RECOGNISED);
                say(BeltMetrics.DUPLICATE_NOT_RECOGNISED, "seq " + out.seq() + ": first acknowledged at "
                        + out.originalReceipt() + ", again at " + receivedAt);
            }
        } else {
            GeneratedBatch b = out.batch();
            metrics.batchesAccepted.increment();
            metrics.samplesAccepted.add(b.size());
            metrics.bytesAccepted.add(out.body().length);
            // after stop() nobody listens for commands: faults answered now are not counted either way
            for (InjectedFault f : stopped && !draining ? List.<InjectedFault>of() : b.faults()) {
                metrics.injected(f.code());
                Expected e = new Expected(f, now);
                Orphan o = closest(orphans, f);
                if (o != null) {
                    orphans.remove(o);
                    metrics.matched(f.code());
                } else {
                    expected.add(e);
                }
            }
            if (receivedAt != null && rng.chance(behaviour.duplicateRate())) {
                // the phone did not get this answer and sends the batch again
                queue.addLast(new Outgoing(out.seq(), out.body(), null, receivedAt));
            }
        }
        for (JsonNode c : ack.path("commands")) {
            command(CommandStream.parse(c, now, false));
        }
    }

    /** A command, from the stream or an upload's answer. Holds the lock (or takes it). */
    private synchronized void command(ReceivedCommand c) {
        if (c.commandId() != null && !commandIds.add(c.commandId())) {
            return;
        }
        if (c.onStream()) {
            metrics.commandsOnStream.increment();
        } else {
            metrics.commandsPolled.increment();
        }
        boolean advisory = AlertCodes.MOVEMENT_BREAK_DUE.equals(c.code()) || AlertCodes.CALIBRATION_NEEDED.equals(c.code());
        if (advisory) {
            metrics.advisory(c.code());
            return;
        }
        if (c.alertId() == null || c.code() == null) {
            metrics.commandsUnattributed.increment();
            return;
        }
        // which sample raised it: the alert id is EventIds.of(FORM_FAULT, beltId, seq, sampleIndex, code)
        long period = 1_000_000L / motion.rateHz();
        for (Iterator<Sent> it = sent.descendingIterator(); it.hasNext(); ) {
            Sent b = it.next();
            String seq = Long.toString(b.seq);
            for (int i = 0; i < b.samples; i++) {
                if (EventIds.of(EventType.FORM_FAULT, beltId, seq, Integer.toString(i), c.code()).equals(c.alertId())) {
                    metrics.hapticLatency.recordValue(Math.max(0, (c.receivedNanos() - b.sentNanos) / 1000));
                    attribute(c.code(), b.firstUs + i * period, c.receivedNanos());
                    return;
                }
            }
        }
        metrics.commandsUnattributed.increment();
    }

    /**
     * The injected fault a command is for: the one of its code due nearest the sample that raised it.
     * None yet: the batch the model expected it in may be answered later (the analyzer can raise it a
     * sample before the prediction, in the batch before); it waits as an orphan.
     */
    private void attribute(String code, long sampleUs, long receivedNanos) {
        Expected best = null;
        for (Expected e : expected) {
            if (e.fault.code().equals(code) && Math.abs(e.fault.alertUs() - sampleUs) <= MATCH_TOLERANCE_US
                    && (best == null || Math.abs(e.fault.alertUs() - sampleUs) < Math.abs(best.fault.alertUs() - sampleUs))) {
                best = e;
            }
        }
        if (best != null) {
            expected.remove(best);
            metrics.matched(code);
        } else {
            orphans.add(new Orphan(code, sampleUs, receivedNanos));
        }
    }

    private static Orphan closest(List<Orphan> orphans, InjectedFault f) {
        Orphan best = null;
        for (Orphan o : orphans) {
            if (o.code().equals(f.code()) && Math.abs(o.sampleUs() - f.alertUs()) <= MATCH_TOLERANCE_US
                    && (best == null || Math.abs(o.sampleUs() - f.alertUs()) < Math.abs(best.sampleUs() - f.alertUs()))) {
                best = o;
            }
        }
        return best;
    }

    private void unexpected(Orphan o) {
        metrics.unexpected(o.code());
        say("unexpected " + o.code(), "the platform raised " + o.code() + " at " + o.sampleUs() / 1000
                + " ms of its run where none was injected");
    }

    /**
     * Housekeeping, every second: faults whose command did not come within the timeout are missing;
     * a stream silent for longer than three keep-alives is reopened.
     */
    public void sweep(long nowNanos) {
        boolean recycle;
        synchronized (this) {
            for (Iterator<Expected> it = expected.iterator(); it.hasNext(); ) {
                Expected e = it.next();
                if (nowNanos - e.ackNanos > behaviour.commandTimeoutNanos()) {
                    it.remove();
                    metrics.missing(e.fault.code());
                }
            }
            for (Iterator<Orphan> it = orphans.iterator(); it.hasNext(); ) {
                Orphan o = it.next();
                if (nowNanos - o.receivedNanos() > behaviour.commandTimeoutNanos()) {
                    it.remove();
                    unexpected(o);
                }
            }
            recycle = streamUp && !stopped && stream.silentForNanos(nowNanos) > STREAM_SILENCE_NANOS;
        }
        if (recycle) {
            stream.recycle();
        }
    }

    /** Stops making samples; what is queued is still sent ({@link #drained()} tells when it is). */
    public synchronized void stopMoving() {
        started = false;
        draining = true;
    }

    /** Whether nothing is queued or in flight. */
    public synchronized boolean drained() {
        return queue.isEmpty() && !inFlight;
    }

    /** Faults acknowledged whose command has not come yet, and commands not yet matched to a fault. */
    public synchronized int awaitingCommands() {
        return expected.size() + orphans.size();
    }

    /** Stops everything: the stream closes, nothing more is sent; faults still awaited count as missing. */
    public void stop() {
        synchronized (this) {
            if (stopped && !draining) {
                return;
            }
            stopped = true;
            draining = false;
            for (Outgoing o : queue) {
                if (!o.duplicate()) {
                    metrics.error(BeltMetrics.UNSENT_AT_STOP);
                }
            }
            queue.clear();
            for (Expected e : expected) {
                metrics.missing(e.fault.code());
            }
            expected.clear();
            orphans.forEach(this::unexpected);
            orphans.clear();
        }
        stream.close();
    }

    private boolean renewCredential() {
        if (renewed || renewer == null) {
            return false;
        }
        renewed = true;
        Optional<BeltAccount> fresh = renewer.renew(beltId);
        fresh.ifPresent(a -> {
            account = a;
            stream.credential(a);
            say("credential renewed", "the platform refused its stored credential: rotated it");
        });
        return fresh.isPresent();
    }

    private final Set<String> said = new HashSet<>();

    private void say(String kind, String message) {
        if (said.add(kind)) {
            log.accept(beltId + ": " + message);
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private final class StreamEvents implements CommandStream.Listener {

        @Override
        public void connected() {
            synchronized (VirtualBelt.this) {
                streamUp = true;
            }
            metrics.streamsConnected.increment();
        }

        @Override
        public void command(ReceivedCommand command) {
            VirtualBelt.this.command(command);
        }

        @Override
        public void dropped(int status, Throwable failure) {
            boolean renew = false;
            synchronized (VirtualBelt.this) {
                boolean wasUp = streamUp;
                streamUp = false;
                if (stopped) {
                    return;
                }
                if (status == 401) {
                    metrics.error(BeltMetrics.STREAM_REFUSED);
                    renew = true;
                } else if (status > 0 && status != 200) {
                    streamRefused = true;
                    metrics.error(BeltMetrics.STREAM_REFUSED);
                    say(BeltMetrics.STREAM_REFUSED, "the command stream answered " + status);
                } else if (wasUp || failure != null) {
                    metrics.error(BeltMetrics.STREAM_DROPPED);
                }
            }
            if (renew) {
                synchronized (VirtualBelt.this) {
                    if (!renewCredential()) {
                        say(BeltMetrics.STREAM_REFUSED, "the command stream refuses its credential");
                    }
                }
            }
        }
    }
}
