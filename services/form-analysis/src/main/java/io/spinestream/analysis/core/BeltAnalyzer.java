package io.spinestream.analysis.core;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.RepMetrics;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.telemetry.Activity;
import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The form analyzer of one belt (form-analysis.md): calibration, faults, reps, sessions.
 *
 * <p>Feed it the belt's batches in arrival order with {@link #analyze}; it calls the sink
 * with every event the moment it is raised. Between batches its whole state fits in
 * {@link #snapshot()} (a few hundred bytes, at most 4 KB), and {@link #restore} continues
 * exactly where the snapshot was taken. Not thread-safe: one analyzer per belt, one thread
 * at a time (a Kafka Streams task owns a belt's partition).
 *
 * <p>The per-sample path allocates nothing and does no I/O: primitive fields and arrays,
 * ring buffers, no boxing, no lambdas. Objects are only made when something is raised, and
 * per batch (limits) or per session.
 *
 * <p>Every rule, number and choice is documented, with its source, in docs/form-analysis.md.
 */
public final class BeltAnalyzer {

    /**
     * Per-rep metrics kept per session (the state must stay small); later reps are counted and
     * scored exactly, not itemised, and the summary says so ({@link AnalysisEvent#repMetricsTruncated()}).
     */
    public static final int MAX_REP_METRICS = 128;
    /** A session ends after this long without data (by sample time). */
    public static final long SESSION_GAP_MICROS = 120_000_000L;
    /**
     * Samples further apart than this (or than two sample periods, at rates below 8 Hz) are
     * not continuous: pending fault conditions restart.
     */
    public static final long CONTINUITY_GAP_MICROS = 250_000L;
    /** A rep is counted when the smoothed angle rises above rest + this. */
    public static final double REP_RISE_DEG = 15.0;
    /** ... after having been back within rest + this. */
    public static final double REP_RETURN_DEG = 5.0;
    /** Standing with a hip hinge beyond this restarts the movement-break timer. */
    public static final double BREAK_HINGE_DEG = 10.0;
    /** BREATH_HOLD: strain range below this. */
    public static final double STRAIN_RANGE = 0.02;
    /** An impact peak ends once pelvisAcc has stayed at or below the impact limit this long. */
    public static final long IMPACT_REFRACTORY_MICROS = 100_000L;
    public static final long IMPACT_WINDOW_MICROS = 60_000_000L;
    public static final long OVERUSE_WINDOW_MICROS = 3_600_000_000L;
    public static final long ROUNDED_BACK_MIN_MICROS = 200_000L;
    public static final long EXCESSIVE_ARCH_MIN_MICROS = 300_000L;
    public static final long TWIST_MIN_MICROS = 200_000L;
    public static final long SIDE_BEND_MIN_MICROS = 300_000L;
    /** A calibration needs at least this many seconds of samples. */
    public static final double CALIBRATION_MIN_SECONDS = 3.0;
    /** Fallback neutral: median over the wearer's first this-many seconds of standing. */
    public static final double STANDING_FALLBACK_SECONDS = 5.0;

    private static final long NANOS_TOLERANCE = 1_000L;
    /** State format: 2 added the gap log and the pending episodes' clean reps beyond the kept metrics. */
    private static final int FORMAT = 2;

    private static final byte IDLE = 0;
    private static final byte PENDING = 1;
    private static final byte OPEN = 2;

    private static final int COLLECT_NONE = 0;
    private static final int COLLECT_CALIBRATION = 1;
    private static final int COLLECT_STANDING = 2;

    private static final int RB = FaultCode.ROUNDED_BACK.ordinal();
    private static final int EA = FaultCode.EXCESSIVE_ARCH.ordinal();
    private static final int TW = FaultCode.TWIST_UNDER_LOAD.ordinal();
    private static final int SB = FaultCode.SIDE_BEND_UNDER_LOAD.ordinal();
    private static final int SL = FaultCode.SLUMPED_SITTING.ordinal();
    private static final int BH = FaultCode.BREATH_HOLD.ordinal();
    private static final int HI = FaultCode.HIGH_IMPACT.ordinal();
    private static final int OV = FaultCode.OVERUSE.ordinal();
    private static final int MB = FaultCode.MOVEMENT_BREAK_DUE.ordinal();
    private static final int N_FAULTS = FaultCode.COUNT;
    /** The faults whose episodes have a pending phase (RB..BH are ordinals 0..5). */
    private static final int N_SUSTAINED = BH + 1;
    /** Episodes a late batch can fall inside: the sustained faults and the impact-rate episode. */
    private static final int GAP_EPISODE_BITS = (1 << N_SUSTAINED) - 1 | 1 << HI;

    private static final Activity[] ACTIVITIES = Activity.values();

    private final String beltId;
    private final boolean lateMode;

    // ---- belt and wearer
    private boolean started;
    private String clinicId;
    private String wearerId;
    private SeqWindow seqs = new SeqWindow();
    private NeutralStore neutrals = new NeutralStore();
    private Neutral neutral = Neutral.ZERO;
    private double nF;
    private double nS;
    private double nR;
    private double nH;
    private int collecting = COLLECT_NONE;
    private AngleHistogram histogram;
    private long collectedNanos;
    private TimeWindow impactTimes = new TimeWindow(EffectiveLimits.DEFAULTS.impactsPerMinute());
    private TimeWindow repTimes = new TimeWindow(EffectiveLimits.DEFAULTS.overuseRepsPerHour());
    /** Gaps of missing batches and the episodes alerted around them (for late batches). */
    private GapLog gaps = new GapLog();
    /** Time of the last sample analysed (in order), µs since the epoch. */
    private long lastUs;

    // ---- the open session
    private boolean sessionOpen;
    private String sessionId;
    private long sessionFirstSeq;
    private Activity activity = Activity.UNKNOWN;
    private long startUs;
    private long lastSeq;
    private int lastIndex;
    private long samples;
    private long faultySamples;
    private long holdNanos;
    private long loadNanos;
    private int impacts;
    private final int[] faultCounts = new int[N_FAULTS];

    // ---- fault episodes (index = FaultCode ordinal)
    private final byte[] epState = new byte[N_FAULTS];
    private final long[] epStartUs = new long[N_FAULTS];
    /** Session sample index where the pending condition started. */
    private final long[] epStartN = new long[N_FAULTS];
    /** Samples of [epStartN, now] already counted as faulty (for the retroactive union). */
    private final long[] epFaulty = new long[N_FAULTS];
    /**
     * Per pending episode: reps beyond the kept metrics, counted clean, that ended within its span
     * so far; its alert makes them faulty (the kept reps get the fault through their metrics).
     */
    private final long[] epCleanExtraReps = new long[N_SUSTAINED];
    private int openMask;
    private double strainMin;
    private double strainMax;
    private boolean inPeak;
    private boolean peakAlerted;
    private boolean peakBelow;
    private long peakBelowSinceUs;
    private long breakTimerUs;

    // ---- reps
    private RunningMedian median;
    private double rest = Double.POSITIVE_INFINITY;
    private boolean candOpen;
    private boolean candIsRep;
    private long lastWithinUs;
    private long candStartUs;
    private double candPF;
    private double candPE;
    private double candPR;
    private int candBits;
    private int reps;
    private int extraCleanReps;
    private int stored;
    private final long[] repStartUs = new long[MAX_REP_METRICS];
    private final long[] repEndUs = new long[MAX_REP_METRICS];
    private final int[] repPF = new int[MAX_REP_METRICS];
    private final int[] repPE = new int[MAX_REP_METRICS];
    private final int[] repPR = new int[MAX_REP_METRICS];
    private final int[] repBits = new int[MAX_REP_METRICS];

    // ---- late mode (a scratch analyzer for one late batch)
    private String lateSessionId;
    /** The late batch continues an impact-rate episode of the live stream: its own peaks cannot end it. */
    private boolean impactHeld;
    /** Per sustained fault, index in {@link #lateEvents} of its latest alert; -1 if none. */
    private int[] lateAlertIndex;
    private List<AnalysisEvent> lateEvents;

    // ---- per batch, not state
    private EventSink sink;
    private long curSeq;
    private int curIndex;
    private long curUs;
    private int firedMask;
    private boolean curRotationPositive;
    private boolean curSideBendPositive;
    private boolean actLoaded;
    private boolean actUnknown;
    private boolean actArch;
    private boolean actSitting;
    private boolean actStanding;
    private boolean actBreath;
    private boolean actHold;
    private int repMode;
    private long periodUs;
    private long periodNanos;
    private long continuityUs = CONTINUITY_GAP_MICROS;
    private EffectiveLimits limits = EffectiveLimits.DEFAULTS;
    /** The profile the cached {@link #resolvedLimits} were resolved from (a wearer's profile rarely changes). */
    private List<String> resolvedConditions;
    private Limits resolvedClinician;
    private EffectiveLimits resolvedLimits;
    /** The last batch's activity code and what it names (a belt sends the same one batch after batch). */
    private String activityCode;
    private Activity activityOfCode;
    /** What {@link #prepareBatch} last derived its per-batch values from. */
    private Activity preparedActivity;
    private int preparedRate;
    private double limFlex;
    private double relFlex;
    private double limExt;
    private double relExt;
    private double limRot;
    private double relRot;
    private double limSide;
    private double relSide;
    private long slumpUs;
    private long breathUs;
    private long breakUs;
    private double impactG;
    private double peakG;
    private int impactsPerMinute;
    private int overuseLimit;

    /** A fresh analyzer for a belt that has no state yet. */
    public BeltAnalyzer(String beltId) {
        this(beltId, false);
    }

    private BeltAnalyzer(String beltId, boolean lateMode) {
        this.beltId = Objects.requireNonNull(beltId, "beltId");
        this.lateMode = lateMode;
        applyLimits(EffectiveLimits.DEFAULTS);
    }

    public String beltId() {
        return beltId;
    }

    /** Whether a session is open (a batch was analysed and the session not yet closed). */
    public boolean sessionOpen() {
        return sessionOpen;
    }

    /** Id of the open session, or {@code null}. */
    public String sessionId() {
        return sessionOpen ? sessionId : null;
    }

    /** The clinic of the belt's current wearer (of its last batch analysed in order), or null before the first. */
    public String clinicId() {
        return clinicId;
    }

    /** The belt's current wearer (of its last batch analysed in order), or null: none yet, or not assigned. */
    public String wearerId() {
        return wearerId;
    }

    /**
     * Whether the belt's state holds anything of the wearer: they are its current wearer (open
     * session, rep and impact windows) or one of the neutrals it keeps is theirs. An erased wearer's
     * belt state is dropped as a whole (docs/privacy.md).
     */
    public boolean holds(String wearer) {
        return wearer != null && (wearer.equals(wearerId) || neutrals.contains(wearer));
    }

    /** The neutral applied to the current wearer's angles. */
    public Neutral neutral() {
        return neutral;
    }

    /** Instant of the last sample analysed in order, or {@code null} before the first batch. */
    public Instant lastSampleAt() {
        return started ? instant(lastUs) : null;
    }

    // =====================================================================================
    // Batches
    // =====================================================================================

    /**
     * Analyses one batch of this belt, in arrival order, raising events into {@code sink}.
     * A batch of another belt, or one that breaks telemetry.md's rules the analyzer depends
     * on (no samples, rate outside 1–400, no start, negative seq), is {@link BatchOutcome#REJECTED}
     * without effect; callers validate batches before (ingest does).
     *
     * @param ctx tenant, wearer and profile of the batch; {@code null} = {@link BatchContext#none()}
     */
    public BatchOutcome analyze(TelemetryBatch batch, BatchContext ctx, EventSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (ctx == null) {
            ctx = BatchContext.none();
        }
        int n = sampleCount(batch);
        int rate = batch.getRateHz();
        if (!beltId.equals(batch.getBeltId()) || n == 0 || rate < 1 || rate > 400
                || !batch.hasStartedAtMs() || batch.getSeq() < 0) {
            return BatchOutcome.REJECTED;
        }
        long seq = batch.getSeq();
        if (seqs.seen(seq)) {
            return BatchOutcome.DUPLICATE;
        }
        Activity act = activityOf(batch.getActivity());
        EffectiveLimits resolved = limitsFor(ctx);
        long t0 = batch.getStartedAtMs() * 1000L;
        if (seqs.isLate(seq)) {
            seqs.mark(seq);
            analyzeLate(batch, n, act, t0, ctx, resolved, sink);
            return BatchOutcome.LATE;
        }
        seqs.mark(seq);
        this.sink = sink;
        try {
            String key = key(ctx.wearerId());
            boolean newWearer = !started || !key.equals(key(wearerId));
            if (sessionOpen && (newWearer || act != activity || !Objects.equals(clinicId, ctx.clinicId())
                    || t0 - lastUs >= SESSION_GAP_MICROS)) {
                closeOpenSession();
            }
            if (sessionOpen && seq > lastSeq + 1) {
                // batches are missing here and may still arrive late: remember the episodes alerted across
                gaps.add(lastSeq, seq, lastUs, t0, activity.ordinal(), openMask & GAP_EPISODE_BITS);
            }
            if (newWearer) {
                switchWearer(key);
            }
            started = true;
            clinicId = ctx.clinicId();
            wearerId = ctx.wearerId();
            adoptStoredCalibration(key, ctx.calibration());
            if (resolved != limits) {
                applyLimits(resolved);
            }
            if (!sessionOpen) {
                startSession(seq, act, t0);
            }
            prepareBatch(rate);
            runSamples(batch, n, rate, t0, seq);
        } finally {
            this.sink = null;
        }
        return BatchOutcome.ANALYZED;
    }

    /**
     * Closes the open session (end of input, or the idle timeout of a live processor):
     * finishes a calibration, emits the session summary. No effect without an open session.
     */
    public void closeSession(EventSink sink) {
        Objects.requireNonNull(sink, "sink");
        this.sink = sink;
        try {
            closeOpenSession();
        } finally {
            this.sink = null;
        }
    }

    /**
     * Closes the open session if {@code now} is at least 2 minutes after its last sample
     * (a live processor calls this from a punctuator, with stream or wall-clock time).
     *
     * @return whether a session was closed
     */
    public boolean closeIfIdle(long nowEpochMillis, EventSink sink) {
        if (sessionOpen && nowEpochMillis * 1000L - lastUs >= SESSION_GAP_MICROS) {
            closeSession(sink);
            return true;
        }
        return false;
    }

    private static int sampleCount(TelemetryBatch batch) {
        if (!batch.hasChannels()) {
            return 0;
        }
        Channels c = batch.getChannels();
        int n = c.getTrunkPitchCount();
        if (n == 0 || c.getTrunkRollCount() != n || c.getTrunkYawCount() != n || c.getPelvisPitchCount() != n
                || c.getPelvisRollCount() != n || c.getPelvisYawCount() != n) {
            return 0;
        }
        return n;
    }

    private static String key(String wearer) {
        return wearer == null ? "" : wearer;
    }

    private void switchWearer(String key) {
        setNeutral(neutrals.get(key));
        if (collecting == COLLECT_STANDING) {
            collecting = COLLECT_NONE;
            histogram = null;
        }
        impactTimes.clear();
        repTimes.clear();
        gaps.clear();
    }

    private void adoptStoredCalibration(String key, Neutral stored) {
        if (stored == null) {
            return;
        }
        Neutral own = neutrals.get(key);
        boolean newer = own.source() != Neutral.Source.CALIBRATION
                || (stored.at() != null && own.at() != null && stored.at().isAfter(own.at()));
        if (newer) {
            neutrals.put(key, stored);
            setNeutral(stored);
            if (collecting == COLLECT_STANDING) {
                collecting = COLLECT_NONE;
                histogram = null;
            }
        }
    }

    private void setNeutral(Neutral n) {
        neutral = n;
        nF = n.flexionDeg();
        nS = n.sideBendDeg();
        nR = n.rotationDeg();
        nH = n.hipHingeDeg();
    }

    private Activity activityOf(String code) {
        if (!code.equals(activityCode)) {
            activityOfCode = Activity.fromCode(code).orElse(Activity.UNKNOWN);
            activityCode = code;
        }
        return activityOfCode;
    }

    /** The batch's limits, resolved again only when its wearer's profile differs from the last batch's. */
    private EffectiveLimits limitsFor(BatchContext ctx) {
        List<String> conditions = ctx.conditions();
        Limits clinician = ctx.limits();
        if (resolvedLimits == null || !conditions.equals(resolvedConditions) || !clinician.equals(resolvedClinician)) {
            resolvedLimits = LimitResolver.resolve(conditions, clinician);
            resolvedConditions = conditions;
            resolvedClinician = clinician;
        }
        return resolvedLimits;
    }

    private void applyLimits(EffectiveLimits l) {
        limits = l;
        limFlex = l.flexionDeg();
        relFlex = EffectiveLimits.releaseBelow(limFlex);
        limExt = l.extensionDeg();
        relExt = EffectiveLimits.releaseBelow(limExt);
        limRot = l.rotationDeg();
        relRot = EffectiveLimits.releaseBelow(limRot);
        limSide = l.sideBendDeg();
        relSide = EffectiveLimits.releaseBelow(limSide);
        slumpUs = Math.round(l.slumpMinutes() * 60e6);
        breathUs = Math.round(l.breathHoldSeconds() * 1e6);
        breakUs = Math.max(60_000_000L, Math.round(l.movementBreakMinutes() * 60e6));
        impactG = l.impactG();
        peakG = l.peakImpactG();
        impactsPerMinute = l.impactsPerMinute();
        overuseLimit = l.overuseRepsPerHour();
        impactTimes.resize(impactsPerMinute);
        repTimes.resize(overuseLimit);
    }

    private void startSession(long seq, Activity act, long t0) {
        sessionOpen = true;
        sessionId = lateMode ? lateSessionId : EventIds.deterministic("session", beltId, Long.toString(seq));
        sessionFirstSeq = seq;
        activity = act;
        startUs = t0;
        lastUs = t0;
        lastSeq = seq;
        lastIndex = 0;
        samples = 0;
        faultySamples = 0;
        holdNanos = 0;
        loadNanos = 0;
        impacts = 0;
        Arrays.fill(faultCounts, 0);
        Arrays.fill(epState, IDLE);
        openMask = 0;
        inPeak = false;
        peakBelow = false;
        breakTimerUs = t0;
        median = null;
        rest = Double.POSITIVE_INFINITY;
        candOpen = false;
        candIsRep = false;
        candBits = 0;
        reps = 0;
        extraCleanReps = 0;
        stored = 0;
        if (lateMode) {
            return;
        }
        curSeq = seq;
        curIndex = 0;
        curUs = t0;
        if (act == Activity.CALIBRATION) {
            collecting = COLLECT_CALIBRATION;
            histogram = new AngleHistogram();
            collectedNanos = 0;
            return;
        }
        if (act == Activity.STANDING && neutral.source() == Neutral.Source.NONE && collecting == COLLECT_NONE) {
            collecting = COLLECT_STANDING;
            histogram = new AngleHistogram();
            collectedNanos = 0;
        }
        if (neutral.source() != Neutral.Source.CALIBRATION) {
            String reason = neutral.source() == Neutral.Source.STANDING_MEDIAN
                    ? "not calibrated: the neutral is the median of the wearer's first 5 s of standing"
                    : "not calibrated: the neutral is zero until the wearer has stood for 5 s";
            emitAlert(AnalysisEvent.CALIBRATION_NEEDED, false, Severity.INFO, null, null, null, reason, null);
        }
    }

    private void prepareBatch(int rate) {
        if (activity == preparedActivity && rate == preparedRate && (repMode == 0 || median != null)) {
            return; // the same activity and rate as the last batch: nothing to derive again
        }
        preparedActivity = activity;
        preparedRate = rate;
        Activity a = activity;
        actLoaded = ActivityRules.loaded(a);
        actUnknown = a == Activity.UNKNOWN;
        actArch = ActivityRules.archChecked(a);
        actSitting = a == Activity.SITTING;
        actStanding = a == Activity.STANDING;
        actBreath = ActivityRules.plank(a);
        actHold = ActivityRules.hold(a);
        repMode = ActivityRules.repAngle(a).ordinal();
        periodUs = 1_000_000L / rate;
        periodNanos = 1_000_000_000L / rate;
        continuityUs = Math.max(CONTINUITY_GAP_MICROS, 2 * periodUs);
        if (repMode != 0) {
            int window = RunningMedian.windowFor(rate);
            if (median == null || median.size() != window) {
                median = new RunningMedian(window);
                median.thresholds(rest, rest + REP_RETURN_DEG, rest + REP_RISE_DEG);
            }
        }
    }

    private void runSamples(TelemetryBatch batch, int n, int rate, long t0, long seq) {
        Channels ch = batch.getChannels();
        curSeq = seq;
        analyzeSamples(ch, n, rate, t0, ch.getPelvisAccCount() == n, ch.getStrainCount() == n);
        lastSeq = seq;
        lastIndex = n - 1;
    }

    // =====================================================================================
    // The samples of a batch: the hot path. No allocation unless something is raised.
    // =====================================================================================

    /**
     * Every sample of a batch, in order. The loop is in this method, not around a call per
     * sample: the body is too large for the JIT to inline into a caller, so a method per sample
     * would be a real call (and a barrier to optimisation) for every sample.
     */
    private void analyzeSamples(Channels ch, int n, int rate, long t0, boolean hasAcc, boolean hasStrain) {
        boolean exact = 1_000_000 % rate == 0;
        long period = periodUs;
        for (int i = 0; i < n; i++) {
            long t = exact ? t0 + i * period : t0 + (i * 1_000_000L) / rate;
            curIndex = i;
            curUs = t;
            firedMask = 0;
            float pelvisPitch = ch.getPelvisPitch(i);
            double rawF = (double) ch.getTrunkPitch(i) - pelvisPitch;
            double rawS = (double) ch.getTrunkRoll(i) - ch.getPelvisRoll(i);
            double rawR = AngleMath.wrap180((double) ch.getTrunkYaw(i) - ch.getPelvisYaw(i));
            if (collecting != COLLECT_NONE) {
                collect(rawF, rawS, rawR, pelvisPitch);
            }
            double f = rawF - nF;
            double s = rawS - nS;
            double r = AngleMath.wrap180(rawR - nR);
            double h = pelvisPitch - nH;
            curRotationPositive = r > 0;
            curSideBendPositive = s > 0;
            long dt = t - lastUs;
            if (dt > continuityUs || dt < 0) {
                breakContinuity();
            }
            boolean loaded = actLoaded || (actUnknown && h > ActivityRules.UNKNOWN_LOADED_HINGE_DEG);
            double absR = Math.abs(r);
            angle(RB, loaded, f, limFlex, relFlex, ROUNDED_BACK_MIN_MICROS);
            angle(EA, actArch, -f, limExt, relExt, EXCESSIVE_ARCH_MIN_MICROS);
            angle(TW, loaded, absR, limRot, relRot, TWIST_MIN_MICROS);
            angle(SB, loaded, Math.abs(s), limSide, relSide, SIDE_BEND_MIN_MICROS);
            angle(SL, actSitting, f, limFlex, relFlex, slumpUs);
            if (hasStrain) {
                breath(loaded || actBreath, ch.getStrain(i));
            } else if (epState[BH] != IDLE) {
                endEpisode(BH);
            }
            if (impactTimes.oldest() <= t - IMPACT_WINDOW_MICROS) {
                impactTimes.expire(t - IMPACT_WINDOW_MICROS);
            }
            if (epState[HI] == OPEN && impactTimes.size() <= impactsPerMinute && !impactHeld) {
                endEpisode(HI);
            }
            if (hasAcc) {
                impact(ch.getPelvisAcc(i));
            } else {
                inPeak = false;
            }
            if (repTimes.oldest() <= t - OVERUSE_WINDOW_MICROS) {
                repTimes.expire(t - OVERUSE_WINDOW_MICROS);
            }
            if (epState[OV] == OPEN && repTimes.size() <= overuseLimit) {
                endEpisode(OV);
            }
            if (repMode != 0) {
                rep(repMode == 1 ? h : f, f, absR);
            }
            if (actSitting || actStanding) {
                movementBreak(h);
            }
            int active = openMask | (firedMask & FaultCode.FAULT_BITS);
            if (active != 0) {
                faultySamples++;
                for (int g = 0; g < N_SUSTAINED; g++) {
                    if (epState[g] == PENDING) {
                        epFaulty[g]++;
                    }
                }
                if (candOpen) {
                    candBits |= active;
                }
            }
            samples++;
            if (actHold) {
                holdNanos += periodNanos;
            }
            if (loaded) {
                loadNanos += periodNanos;
            }
            lastUs = t;
        }
    }

    private void breakContinuity() {
        for (int g = 0; g < N_SUSTAINED; g++) {
            if (epState[g] == PENDING) {
                epState[g] = IDLE;
            }
        }
        inPeak = false;
    }

    /**
     * One angle fault. IDLE → PENDING when the condition starts; PENDING → IDLE when it stops
     * before the minimum duration; PENDING → OPEN (alert) at the first sample at which it has
     * held for the minimum duration; OPEN → IDLE once the angle is back at or below the
     * release threshold (limit − 3°), whatever the activity's loading at that moment.
     */
    private void angle(int fault, boolean checked, double v, double limit, double release, long minUs) {
        byte st = epState[fault];
        if (st == IDLE) {
            if (checked && v > limit) {
                epState[fault] = PENDING;
                epStartUs[fault] = curUs;
                epStartN[fault] = samples;
                epFaulty[fault] = 0;
                epCleanExtraReps[fault] = 0;
                if (minUs <= 0) {
                    raiseSustained(fault, v, limit);
                }
            }
        } else if (st == PENDING) {
            if (!checked || v <= limit) {
                epState[fault] = IDLE;
            } else if (curUs - epStartUs[fault] >= minUs) {
                raiseSustained(fault, v, limit);
            }
        } else if (v <= release) {
            endEpisode(fault);
        }
    }

    /**
     * BREATH_HOLD: the hold runs from a sample while the strain range (max − min) since then
     * stays below 0.02; the sample that breaks it starts the next candidate. Raised at the
     * first sample at which the hold has lasted the limit; the episode ends when the range
     * breaks (breathing resumed) or the activity is no longer checked.
     */
    private void breath(boolean checked, float strain) {
        byte st = epState[BH];
        if (!checked) {
            if (st != IDLE) {
                endEpisode(BH);
            }
            return;
        }
        double x = strain;
        if (st == IDLE) {
            startBreath(x);
            return;
        }
        if (x < strainMin) {
            strainMin = x;
        } else if (x > strainMax) {
            strainMax = x;
        }
        if (strainMax - strainMin >= STRAIN_RANGE) {
            if (st == OPEN) {
                endEpisode(BH);
            }
            startBreath(x);
            return;
        }
        if (st == PENDING && curUs - epStartUs[BH] >= breathUs) {
            raiseSustained(BH, (curUs - epStartUs[BH]) / 1e6, limits.breathHoldSeconds());
        }
    }

    private void startBreath(double x) {
        epState[BH] = PENDING;
        strainMin = x;
        strainMax = x;
        epStartUs[BH] = curUs;
        epStartN[BH] = samples;
        epFaulty[BH] = 0;
        epCleanExtraReps[BH] = 0;
        if (breathUs <= 0) {
            raiseSustained(BH, 0, limits.breathHoldSeconds());
        }
    }

    /**
     * Impact peaks: a peak starts at the first sample above the impact limit (3.0 g) and lasts
     * until pelvisAcc has stayed at or below the limit for 100 ms (refractory), so ringing
     * after a landing is one peak. Each peak is counted at its first sample; more than the
     * allowed peaks within any 60 s raise one HIGH_IMPACT episode (ending when the count in
     * the last 60 s is back within the limit); a peak reaching above the single-peak limit
     * (6.0 g) raises a HIGH_IMPACT of its own, at the first sample above that limit.
     */
    private void impact(float acc) {
        if (!inPeak) {
            if (acc > impactG) {
                inPeak = true;
                peakAlerted = false;
                peakBelow = false;
                impacts++;
                impactTimes.add(curUs);
                boolean overRate = impactTimes.size() > impactsPerMinute && epState[HI] != OPEN;
                if (acc > peakG) {
                    peakAlerted = true;
                    raiseImpactPeak(acc);
                    if (overRate) {
                        epState[HI] = OPEN; // the same alert stands for both: one id per sample and code
                        openMask |= 1 << HI;
                    }
                } else if (overRate) {
                    raiseImpactRate();
                }
            }
            return;
        }
        if (acc > impactG) {
            peakBelow = false;
            if (!peakAlerted && acc > peakG) {
                peakAlerted = true;
                raiseImpactPeak(acc);
            }
        } else if (!peakBelow) {
            peakBelow = true;
            peakBelowSinceUs = curUs;
        } else if (curUs - peakBelowSinceUs >= IMPACT_REFRACTORY_MICROS) {
            inPeak = false;
        }
    }

    /**
     * Reps (form-analysis.md "Repetitions"): the angle through a running median of about
     * 200 ms; rest = the lowest smoothed value so far in the session; a rep is counted when
     * the smoothed angle rises above rest + 15° after having been back within rest + 5°.
     * A rep spans from the last smoothed sample within rest + 5° before it to the first one
     * back within it (times of the median's centre sample).
     */
    private void rep(double x, double flexion, double absRotation) {
        RunningMedian window = median;
        if (!window.push((float) x)) {
            return;
        }
        if (window.belowLow()) {
            // a new lowest smoothed value: the new rest (rare after the first samples)
            rest = window.median();
            window.thresholds(rest, rest + REP_RETURN_DEG, rest + REP_RISE_DEG);
        }
        long tc = curUs - window.lag() * periodUs;
        boolean beyondReturn = window.aboveMid();
        if (!candOpen) {
            if (!beyondReturn) {
                lastWithinUs = tc;
                return;
            }
            candOpen = true;
            candIsRep = false;
            candStartUs = lastWithinUs;
            candPF = flexion;
            candPE = -flexion;
            candPR = absRotation;
            candBits = 0;
        } else {
            if (flexion > candPF) {
                candPF = flexion;
            }
            if (-flexion > candPE) {
                candPE = -flexion;
            }
            if (absRotation > candPR) {
                candPR = absRotation;
            }
        }
        if (!candIsRep && window.aboveHigh()) {
            candIsRep = true;
            reps++;
            if (actLoaded) {
                loadedRep();
            }
        }
        if (!beyondReturn) {
            if (candIsRep) {
                storeRep(tc, candBits | openMask | (firedMask & FaultCode.FAULT_BITS));
            }
            candOpen = false;
            lastWithinUs = tc;
        }
    }

    private void loadedRep() {
        repTimes.add(curUs);
        if (repTimes.size() > overuseLimit && epState[OV] != OPEN) {
            epState[OV] = OPEN;
            openMask |= 1 << OV;
            firedMask |= 1 << OV;
            faultCounts[OV]++;
            emitFault(FaultCode.OVERUSE, repTimes.size(), overuseLimit, "reps",
                    "more than " + overuseLimit + " loaded reps within 60 min");
        }
    }

    private void storeRep(long endUs, int bits) {
        if (stored < MAX_REP_METRICS) {
            int k = stored++;
            repStartUs[k] = candStartUs;
            repEndUs[k] = endUs;
            repPF[k] = centi(candPF);
            repPE[k] = centi(candPE);
            repPR[k] = centi(candPR);
            repBits[k] = bits & FaultCode.FAULT_BITS;
        } else if ((bits & FaultCode.FAULT_BITS) == 0) {
            extraCleanReps++;
            for (int g = 0; g < N_SUSTAINED; g++) {
                if (epState[g] == PENDING && endUs >= epStartUs[g]) {
                    epCleanExtraReps[g]++;
                }
            }
        }
    }

    private static int centi(double degrees) {
        return (int) Math.round(degrees * 100);
    }

    /**
     * MOVEMENT_BREAK_DUE: a timer from the start of a sitting or standing session, restarted
     * while standing by any hip hinge beyond 10°, raised each time it reaches the interval
     * (then restarted, so it repeats every 45 min).
     */
    private void movementBreak(double hinge) {
        if (actStanding && hinge > BREAK_HINGE_DEG) {
            breakTimerUs = curUs;
            return;
        }
        long elapsed = curUs - breakTimerUs;
        if (elapsed >= breakUs) {
            breakTimerUs = curUs;
            firedMask |= 1 << MB;
            emitFault(FaultCode.MOVEMENT_BREAK_DUE, elapsed / 60e6, limits.movementBreakMinutes(), "min",
                    actSitting ? "sitting for " + num(elapsed / 60e6) + " min without a break"
                            : "standing for " + num(elapsed / 60e6) + " min without a hip hinge beyond 10°");
        }
    }

    private void collect(double rawF, double rawS, double rawR, double rawH) {
        if (collecting == COLLECT_CALIBRATION) {
            if (activity == Activity.CALIBRATION) {
                histogram.add(rawF, rawS, rawR, rawH);
                collectedNanos += periodNanos;
            }
        } else if (activity == Activity.STANDING) {
            histogram.add(rawF, rawS, rawR, rawH);
            collectedNanos += periodNanos;
            if (collectedNanos >= (long) (STANDING_FALLBACK_SECONDS * 1e9) - NANOS_TOLERANCE) {
                Neutral n = new Neutral(
                        (float) histogram.percentile(AngleHistogram.FLEXION, 50),
                        (float) histogram.percentile(AngleHistogram.SIDE_BEND, 50),
                        (float) AngleMath.wrap180(histogram.percentile(AngleHistogram.ROTATION, 50)),
                        (float) histogram.percentile(AngleHistogram.HIP_HINGE, 50),
                        Neutral.Source.STANDING_MEDIAN, instant(curUs));
                neutrals.put(key(wearerId), n);
                setNeutral(n);
                collecting = COLLECT_NONE;
                histogram = null;
            }
        }
    }

    // =====================================================================================
    // Episodes and what they raise
    // =====================================================================================

    private void endEpisode(int fault) {
        epState[fault] = IDLE;
        openMask &= ~(1 << fault);
    }

    /**
     * Opens an episode of a sustained fault and raises its alert. Its span starts at the
     * first sample of the condition: the samples since then not yet counted as faulty are
     * counted now (the union over overlapping episodes stays exact: each pending episode
     * tracks how many of its samples are already faulty), and stored reps overlapping the
     * span get the fault.
     */
    private void raiseSustained(int fault, double value, double limit) {
        long added = (samples - epStartN[fault]) - epFaulty[fault];
        if (added > 0) {
            faultySamples += added;
            for (int g = 0; g < N_SUSTAINED; g++) {
                if (g != fault && epState[g] == PENDING) {
                    if (epStartN[g] >= epStartN[fault]) {
                        epFaulty[g] = samples - epStartN[g];
                    } else {
                        epFaulty[g] += added;
                    }
                }
            }
        }
        int bit = 1 << fault;
        long since = epStartUs[fault];
        for (int k = stored - 1; k >= 0 && repEndUs[k] >= since; k--) {
            repBits[k] |= bit;
        }
        long extra = epCleanExtraReps[fault];
        if (extra > 0) {
            // the same union over pending spans as for samples, for the reps beyond the kept metrics
            extraCleanReps -= (int) extra;
            for (int g = 0; g < N_SUSTAINED; g++) {
                if (g != fault && epState[g] == PENDING) {
                    epCleanExtraReps[g] = epStartUs[g] >= since ? 0 : epCleanExtraReps[g] - extra;
                }
            }
            epCleanExtraReps[fault] = 0;
        }
        epState[fault] = OPEN;
        openMask |= bit;
        firedMask |= bit;
        if (lateMode) {
            lateAlertIndex[fault] = lateEvents.size();
        } else if (gaps.size() > 0) {
            gaps.liveRaise(fault, since);
        }
        faultCounts[fault]++;
        FaultCode code = FaultCode.of(fault);
        emitFault(code, value, limit, code.unit(), reason(code, value));
    }

    private void raiseImpactPeak(float acc) {
        firedMask |= 1 << HI;
        faultCounts[HI]++;
        emitFault(FaultCode.HIGH_IMPACT, acc, peakG, "g", "a pelvisAcc peak above " + num(peakG) + " g");
    }

    private void raiseImpactRate() {
        epState[HI] = OPEN;
        openMask |= 1 << HI;
        firedMask |= 1 << HI;
        faultCounts[HI]++;
        emitFault(FaultCode.HIGH_IMPACT, impactTimes.size(), impactsPerMinute, "peaks/min",
                "more than " + impactsPerMinute + " pelvisAcc peaks above " + num(impactG) + " g within 60 s");
    }

    private String reason(FaultCode code, double value) {
        return switch (code) {
            case ROUNDED_BACK -> "lumbar flexion above " + num(limFlex) + "° for at least 200 ms under load";
            case EXCESSIVE_ARCH -> "lumbar extension above " + num(limExt) + "° for at least 300 ms";
            case TWIST_UNDER_LOAD -> "lumbar rotation beyond " + num(limRot) + "° for at least 200 ms under load";
            case SIDE_BEND_UNDER_LOAD -> "lumbar side-bend beyond " + num(limSide) + "° for at least 300 ms under load";
            case SLUMPED_SITTING -> "lumbar flexion above " + num(limFlex) + "° for at least "
                    + num(limits.slumpMinutes()) + " min while sitting";
            case BREATH_HOLD -> "strain range below " + num(STRAIN_RANGE) + " for " + num(value) + " s";
            default -> null;
        };
    }

    private void emitFault(FaultCode code, double value, double limit, String unit, String reason) {
        Map<String, String> details = null;
        if (code == FaultCode.TWIST_UNDER_LOAD || code == FaultCode.SIDE_BEND_UNDER_LOAD) {
            details = Map.of("direction",
                    (code == FaultCode.TWIST_UNDER_LOAD ? curRotationPositive : curSideBendPositive) ? "right" : "left");
        }
        emitAlert(code.code(), code.isFault(), code.severity(), round2(value), round2(limit), unit, reason, details);
    }

    private void emitAlert(String type, boolean fault, Severity severity, Double value, Double limit, String unit,
                           String reason, Map<String, String> details) {
        String id = EventIds.of(fault ? EventType.FORM_FAULT : EventType.FORM_ADVISORY,
                beltId, Long.toString(curSeq), Integer.toString(curIndex), type);
        sink.accept(new AnalysisEvent(id, type, severity, clinicId, beltId, wearerId, activity.code(),
                instant(curUs), value, limit, unit, lateMode, lateMode ? lateSessionId : sessionId, reason, details,
                curSeq, curIndex, null, null, null, null, null, null, null, null, null));
    }

    // =====================================================================================
    // Session end
    // =====================================================================================

    private void closeOpenSession() {
        if (!sessionOpen) {
            return;
        }
        curSeq = lastSeq;
        curIndex = lastIndex;
        curUs = lastUs;
        firedMask = 0;
        if (candOpen && candIsRep) {
            storeRep(lastUs, candBits | openMask);
        }
        candOpen = false;
        if (collecting == COLLECT_CALIBRATION && !lateMode) {
            finishCalibration();
        }
        if (!lateMode) {
            sink.accept(summary());
        }
        sessionOpen = false;
        Arrays.fill(epState, IDLE);
        openMask = 0;
        if (gaps.size() > 0) {
            gaps.endSession();
            forgetFilledGaps();
        }
    }

    private void finishCalibration() {
        double seconds = collectedNanos / 1e9;
        if (collectedNanos >= (long) (CALIBRATION_MIN_SECONDS * 1e9) - NANOS_TOLERANCE) {
            Neutral n = new Neutral(
                    (float) histogram.percentileMidpoint(AngleHistogram.FLEXION),
                    (float) histogram.percentileMidpoint(AngleHistogram.SIDE_BEND),
                    (float) histogram.percentileMidpoint(AngleHistogram.ROTATION),
                    (float) histogram.percentileMidpoint(AngleHistogram.HIP_HINGE),
                    Neutral.Source.CALIBRATION, instant(lastUs));
            neutrals.put(key(wearerId), n);
            setNeutral(n);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("flexionDeg", num(round2(n.flexionDeg())));
            details.put("sideBendDeg", num(round2(n.sideBendDeg())));
            details.put("rotationDeg", num(round2(n.rotationDeg())));
            details.put("hipHingeDeg", num(round2(n.hipHingeDeg())));
            details.put("seconds", num(round2(seconds)));
            emitAlert(AnalysisEvent.CALIBRATED, false, Severity.INFO, null, null, null,
                    "neutral = midpoint of the 5th and 95th percentile of each lumbar angle over "
                            + num(round2(seconds)) + " s of calibration", details);
        } else {
            emitAlert(AnalysisEvent.CALIBRATION_NEEDED, false, Severity.INFO, round2(seconds), CALIBRATION_MIN_SECONDS,
                    "s", "calibration too short: " + num(round2(seconds)) + " s of samples, at least "
                            + num(CALIBRATION_MIN_SECONDS) + " s are needed; the neutral is unchanged", null);
        }
        collecting = COLLECT_NONE;
        histogram = null;
    }

    private AnalysisEvent summary() {
        Map<String, Integer> faults = new TreeMap<>();
        for (FaultCode code : FaultCode.values()) {
            if (code.isFault() && faultCounts[code.ordinal()] > 0) {
                faults.put(code.code(), faultCounts[code.ordinal()]);
            }
        }
        List<RepMetrics> metrics = new ArrayList<>(stored);
        int clean = extraCleanReps;
        for (int k = 0; k < stored; k++) {
            List<String> codes = new ArrayList<>(2);
            for (FaultCode code : FaultCode.values()) {
                if ((repBits[k] & code.bit()) != 0) {
                    codes.add(code.code());
                }
            }
            if (codes.isEmpty()) {
                clean++;
            }
            metrics.add(new RepMetrics(k + 1, instant(repStartUs[k]), instant(repEndUs[k]), repPF[k] / 100.0,
                    repPE[k] / 100.0, repPR[k] / 100.0, codes));
        }
        int score;
        if (reps > 0) {
            score = (int) Math.round(100.0 * clean / reps);
        } else {
            score = samples == 0 ? 100 : (int) Math.round(100.0 * (samples - faultySamples) / samples);
        }
        String id = EventIds.of(EventType.SESSION_SUMMARY, sessionId);
        return new AnalysisEvent(id, AnalysisEvent.SESSION_SUMMARY, Severity.INFO, clinicId, beltId, wearerId,
                activity.code(), instant(lastUs), null, null, null, false, sessionId,
                reps > 0 ? "form score = share of reps free of faults"
                        : "form score = share of the session's time free of faults",
                null, lastSeq, lastIndex, instant(startUs), instant(lastUs), reps,
                ActivityRules.hold(activity) ? millis(holdNanos) : 0.0, score, faults, millis(loadNanos), impacts,
                metrics);
    }

    // =====================================================================================
    // Late batches
    // =====================================================================================

    /**
     * A late batch is analysed in a scratch analyzer with this belt's neutral for the wearer
     * and the batch's limits, as a session of its own, so it can neither end, extend nor
     * corrupt the open session's episodes, reps or calibration. Its alerts are flagged late.
     * If it belongs to the open session (same wearer and activity, seq not below the
     * session's first), its alerts carry that session's id and count in its faults.
     *
     * <p>One alert per episode (docs/form-analysis.md "Late batches"): when the batch fills a
     * gap of the belt's stream ({@link GapLog}), the episodes in progress across the gap (alerted,
     * or still pending: the live analyzer timed them across it) continue through it, so it raises
     * nothing for them; one ends in it only by the hysteresis, and a new episode after that is
     * new. Its last episode, when it runs into the first sample after the gap, is the live
     * episode that began there: not alerted again if that one was; if that one is still pending,
     * it is the same episode started earlier, so the live episode's start moves back to this
     * batch's (and the live analyzer alerts it, with haptics, once it has lasted long enough).
     */
    private void analyzeLate(TelemetryBatch batch, int n, Activity act, long t0, BatchContext ctx,
                             EffectiveLimits resolved, EventSink sink) {
        String key = key(ctx.wearerId());
        boolean sameWearer = started && key.equals(key(wearerId));
        Neutral n0 = sameWearer ? neutral : neutrals.get(key);
        Neutral stored = ctx.calibration();
        if (stored != null && (n0.source() != Neutral.Source.CALIBRATION
                || (stored.at() != null && n0.at() != null && stored.at().isAfter(n0.at())))) {
            n0 = stored;
        }
        long seq = batch.getSeq();
        int rate = batch.getRateHz();
        boolean sameClinic = Objects.equals(clinicId, ctx.clinicId());
        boolean belongs = sessionOpen && sameWearer && act == activity && seq >= sessionFirstSeq && sameClinic;
        long lastSampleUs = t0 + ((n - 1) * 1_000_000L) / rate;
        int gap = sameWearer && sameClinic && gaps.size() > 0 ? gaps.find(seq, t0, lastSampleUs) : -1;
        if (gap >= 0 && gaps.activity(gap) != act.ordinal()) {
            gap = -1;
        }
        BeltAnalyzer scratch = new BeltAnalyzer(beltId, true);
        scratch.started = true;
        scratch.clinicId = ctx.clinicId();
        scratch.wearerId = ctx.wearerId();
        scratch.setNeutral(n0);
        scratch.lateSessionId = belongs ? sessionId : null;
        scratch.applyLimits(resolved);
        scratch.lateEvents = new ArrayList<>();
        scratch.lateAlertIndex = new int[N_SUSTAINED];
        Arrays.fill(scratch.lateAlertIndex, -1);
        scratch.sink = scratch.lateEvents::add;
        scratch.startSession(seq, act, t0);
        scratch.prepareBatch(rate);
        if (gap >= 0) {
            scratch.continueEpisodes(gaps.spanAlerted(gap) | pendingAcross(gap), batch.getChannels(), n);
        }
        scratch.runSamples(batch, n, rate, t0, seq);
        int repeated = gap >= 0 ? joinLiveEpisodes(gap, scratch, seq, lastSampleUs) : 0;
        List<AnalysisEvent> raised = scratch.lateEvents;
        for (int i = 0; i < raised.size(); i++) {
            if (repeated == 0 || !isRepeat(scratch, repeated, i)) {
                sink.accept(raised.get(i));
            }
        }
        if (belongs) {
            for (int f = 0; f < N_FAULTS; f++) {
                faultCounts[f] += scratch.faultCounts[f];
            }
        }
        if (gap >= 0 && gapFilled(gap)) {
            gaps.remove(gap);
        }
    }

    /** The live episodes still pending that began before the gap (so run across it, timed by the live analyzer). */
    private int pendingAcross(int gap) {
        if (!gaps.current(gap)) {
            return 0;
        }
        int mask = 0;
        for (int f = 0; f < N_SUSTAINED; f++) {
            if (epState[f] == PENDING && epStartUs[f] <= gaps.fromUs(gap)) {
                mask |= 1 << f;
            }
        }
        return mask;
    }

    /**
     * The late batch's last episodes, when it runs into the first sample after its gap, are the live
     * ones that began there (see {@link #analyzeLate}).
     *
     * @return the sustained faults whose latest alert in the late batch belongs to a live episode
     *     (not raised, not counted)
     */
    private int joinLiveEpisodes(int gap, BeltAnalyzer scratch, long seq, long lastSampleUs) {
        if (seq != gaps.toSeq(gap) - 1 || gaps.toUs(gap) - lastSampleUs > scratch.continuityUs) {
            return 0;
        }
        long toUs = gaps.toUs(gap);
        int repeated = 0;
        for (int f = 0; f < N_SUSTAINED; f++) {
            int bit = 1 << f;
            boolean alertedInBatch = scratch.epState[f] == OPEN && scratch.lateAlertIndex[f] >= 0;
            if (scratch.epState[f] != PENDING && !alertedInBatch) {
                continue; // none running into the gap's end, or one continued from before the gap
            }
            boolean liveAlerted = (gaps.endAlerted(gap) & bit) != 0;
            boolean livePending = gaps.current(gap) && epState[f] == PENDING && epStartUs[f] == toUs
                    && (f != BH || Math.max(strainMax, scratch.strainMax) - Math.min(strainMin, scratch.strainMin)
                    < STRAIN_RANGE);
            if (livePending) {
                epStartUs[f] = scratch.epStartUs[f];
                if (f == BH) {
                    strainMin = Math.min(strainMin, scratch.strainMin);
                    strainMax = Math.max(strainMax, scratch.strainMax);
                }
            }
            if (alertedInBatch && (liveAlerted || livePending)) {
                repeated |= bit;
                scratch.faultCounts[f]--;
            }
        }
        return repeated;
    }

    private static boolean isRepeat(BeltAnalyzer scratch, int repeated, int eventIndex) {
        for (int f = 0; f < N_SUSTAINED; f++) {
            if ((repeated & 1 << f) != 0 && scratch.lateAlertIndex[f] == eventIndex) {
                return true;
            }
        }
        return false;
    }

    /** A late batch continues the live episodes in progress across its gap (scratch only). */
    private void continueEpisodes(int mask, Channels ch, int n) {
        for (int f = 0; f < N_FAULTS; f++) {
            if ((mask & 1 << f) != 0) {
                epState[f] = OPEN;
                openMask |= 1 << f;
            }
        }
        if ((mask & 1 << BH) != 0 && ch.getStrainCount() == n) {
            strainMin = ch.getStrain(0);
            strainMax = strainMin;
        }
        // its own peaks are a part of the 60 s window the live analyzer found over the limit
        impactHeld = (mask & 1 << HI) != 0;
    }

    /** Forgets the gaps all of whose batches have arrived (none can be late any more). */
    private void forgetFilledGaps() {
        for (int i = gaps.size() - 1; i >= 0; i--) {
            if (gapFilled(i)) {
                gaps.remove(i);
            }
        }
    }

    private boolean gapFilled(int i) {
        long from = gaps.fromSeq(i);
        long to = gaps.toSeq(i);
        if (to - from - 1 > SeqWindow.WINDOW) {
            return false;
        }
        for (long s = from + 1; s < to; s++) {
            if (!seqs.seen(s)) {
                return false;
            }
        }
        return true;
    }

    // =====================================================================================
    // Snapshot
    // =====================================================================================

    /** The whole state, compact (varints, deltas); {@link #restore} continues exactly from it. */
    public byte[] snapshot() {
        StateWriter w = new StateWriter();
        w.u8(FORMAT);
        w.str(beltId);
        w.bool(started);
        if (!started) {
            return w.toByteArray();
        }
        w.str(clinicId);
        w.str(wearerId);
        w.svar(lastUs);
        seqs.write(w);
        neutrals.write(w);
        w.u8(collecting);
        if (collecting != COLLECT_NONE) {
            w.uvar(collectedNanos);
            histogram.write(w);
        }
        impactTimes.write(w, lastUs);
        repTimes.write(w, lastUs);
        gaps.write(w, seqs.highest(), lastUs);
        w.bool(sessionOpen);
        if (!sessionOpen) {
            return w.toByteArray();
        }
        w.str(sessionId);
        w.svar(sessionFirstSeq);
        w.u8(activity.ordinal());
        w.svar(lastUs - startUs);
        w.svar(lastSeq);
        w.uvar(lastIndex);
        w.uvar(samples);
        w.uvar(faultySamples);
        w.uvar(holdNanos);
        w.uvar(loadNanos);
        w.uvar(impacts);
        for (int f = 0; f < N_FAULTS; f++) {
            w.uvar(faultCounts[f]);
        }
        for (int f = 0; f < N_FAULTS; f++) {
            w.u8(epState[f]);
            if (epState[f] == PENDING || (epState[f] == OPEN && f < N_SUSTAINED)) {
                w.svar(lastUs - epStartUs[f]);
                w.uvar(epStartN[f]);
                w.uvar(epFaulty[f]);
            }
            if (epState[f] == PENDING && f < N_SUSTAINED) {
                w.uvar(epCleanExtraReps[f]);
            }
        }
        if (epState[BH] != IDLE) {
            w.f64(strainMin);
            w.f64(strainMax);
        }
        w.bool(inPeak);
        if (inPeak) {
            w.bool(peakAlerted);
            w.bool(peakBelow);
            if (peakBelow) {
                w.svar(lastUs - peakBelowSinceUs);
            }
        }
        w.svar(lastUs - breakTimerUs);
        w.bool(median != null);
        if (median != null) {
            median.write(w);
            w.f64(rest);
            w.svar(lastUs - lastWithinUs);
            w.bool(candOpen);
            if (candOpen) {
                w.bool(candIsRep);
                w.svar(lastUs - candStartUs);
                w.f64(candPF);
                w.f64(candPE);
                w.f64(candPR);
                w.uvar(candBits);
            }
            w.uvar(reps);
            w.uvar(extraCleanReps);
            w.uvar(stored);
            long prev = startUs;
            for (int k = 0; k < stored; k++) {
                w.svar(repStartUs[k] - prev);
                w.svar(repEndUs[k] - repStartUs[k]);
                w.svar(repPF[k]);
                w.svar(repPE[k]);
                w.svar(repPR[k]);
                w.uvar(repBits[k]);
                prev = repEndUs[k];
            }
        }
        return w.toByteArray();
    }

    /** An analyzer continuing exactly from a {@link #snapshot()}. */
    public static BeltAnalyzer restore(byte[] state) {
        StateReader r = new StateReader(Objects.requireNonNull(state, "state"));
        int format = r.u8();
        if (format != FORMAT && format != 1) {
            throw new IllegalArgumentException("unknown analyzer state format " + format);
        }
        BeltAnalyzer a = new BeltAnalyzer(Objects.requireNonNull(r.str(), "beltId"));
        a.started = r.bool();
        if (!a.started) {
            return a.finishRead(r);
        }
        a.clinicId = r.str();
        a.wearerId = r.str();
        a.lastUs = r.svar();
        a.seqs = SeqWindow.read(r);
        a.neutrals = NeutralStore.read(r);
        a.setNeutral(a.neutrals.get(key(a.wearerId)));
        a.collecting = r.uint(COLLECT_STANDING);
        if (a.collecting != COLLECT_NONE) {
            a.collectedNanos = r.uvar();
            a.histogram = AngleHistogram.read(r);
        }
        a.impactTimes = TimeWindow.read(r, a.lastUs);
        a.repTimes = TimeWindow.read(r, a.lastUs);
        if (format >= 2) {
            a.gaps = GapLog.read(r, a.seqs.highest(), a.lastUs, ACTIVITIES.length - 1);
        }
        a.sessionOpen = r.bool();
        if (!a.sessionOpen) {
            return a.finishRead(r);
        }
        a.sessionId = r.str();
        a.sessionFirstSeq = r.svar();
        a.activity = ACTIVITIES[r.uint(ACTIVITIES.length - 1)];
        a.startUs = a.lastUs - r.svar();
        a.lastSeq = r.svar();
        a.lastIndex = r.uint(Integer.MAX_VALUE);
        a.samples = r.uvar();
        a.faultySamples = r.uvar();
        a.holdNanos = r.uvar();
        a.loadNanos = r.uvar();
        a.impacts = r.uint(Integer.MAX_VALUE);
        for (int f = 0; f < N_FAULTS; f++) {
            a.faultCounts[f] = r.uint(Integer.MAX_VALUE);
        }
        for (int f = 0; f < N_FAULTS; f++) {
            a.epState[f] = (byte) r.uint(OPEN);
            if (a.epState[f] == PENDING || (a.epState[f] == OPEN && f < N_SUSTAINED)) {
                a.epStartUs[f] = a.lastUs - r.svar();
                a.epStartN[f] = r.uvar();
                a.epFaulty[f] = r.uvar();
            }
            if (a.epState[f] == PENDING && f < N_SUSTAINED && format >= 2) {
                a.epCleanExtraReps[f] = r.uvar();
            }
            if (a.epState[f] == OPEN) {
                a.openMask |= 1 << f;
            }
        }
        if (a.epState[BH] != IDLE) {
            a.strainMin = r.f64();
            a.strainMax = r.f64();
        }
        a.inPeak = r.bool();
        if (a.inPeak) {
            a.peakAlerted = r.bool();
            a.peakBelow = r.bool();
            if (a.peakBelow) {
                a.peakBelowSinceUs = a.lastUs - r.svar();
            }
        }
        a.breakTimerUs = a.lastUs - r.svar();
        if (r.bool()) {
            a.median = RunningMedian.read(r);
            a.rest = r.f64();
            a.median.thresholds(a.rest, a.rest + REP_RETURN_DEG, a.rest + REP_RISE_DEG);
            a.lastWithinUs = a.lastUs - r.svar();
            a.candOpen = r.bool();
            if (a.candOpen) {
                a.candIsRep = r.bool();
                a.candStartUs = a.lastUs - r.svar();
                a.candPF = r.f64();
                a.candPE = r.f64();
                a.candPR = r.f64();
                a.candBits = r.uint(Integer.MAX_VALUE);
            }
            a.reps = r.uint(Integer.MAX_VALUE);
            a.extraCleanReps = r.uint(Integer.MAX_VALUE);
            a.stored = r.uint(MAX_REP_METRICS);
            long prev = a.startUs;
            for (int k = 0; k < a.stored; k++) {
                a.repStartUs[k] = prev + r.svar();
                a.repEndUs[k] = a.repStartUs[k] + r.svar();
                a.repPF[k] = (int) r.svar();
                a.repPE[k] = (int) r.svar();
                a.repPR[k] = (int) r.svar();
                a.repBits[k] = r.uint(Integer.MAX_VALUE);
                prev = a.repEndUs[k];
            }
        }
        return a.finishRead(r);
    }

    private BeltAnalyzer finishRead(StateReader r) {
        if (!r.atEnd()) {
            throw new IllegalArgumentException("analyzer state has trailing bytes");
        }
        return this;
    }

    // =====================================================================================
    // Helpers
    // =====================================================================================

    static Instant instant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    /** A number as people write it: no trailing zeros, no exponent. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
