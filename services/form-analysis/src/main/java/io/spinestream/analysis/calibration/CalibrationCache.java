package io.spinestream.analysis.calibration;

import io.spinestream.analysis.core.Neutral;
import io.spinestream.analysis.stream.StoredCalibrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stored calibrations for the live analyzer, from memory. A wearer's latest calibration is read
 * from MongoDB on the first batch of that wearer in {@link CalibrationConfig#cacheTtl()}, waiting
 * at most {@link CalibrationConfig#lookupTimeout()}; calibrations this instance records are added
 * at once. A failed read is retried after {@value #RETRY_SECONDS} s, never on every batch, so a
 * database outage costs the haptic path one bounded wait per wearer, not one per batch.
 */
@ApplicationScoped
public class CalibrationCache implements StoredCalibrations {

    private static final Logger LOG = Logger.getLogger(CalibrationCache.class);
    static final long RETRY_SECONDS = 30;
    private static final int SWEEP_ABOVE = 10_000;

    /** A wearer's calibration as known, or null for "none"; valid until {@code expiresAtNanos}. */
    private record Entry(Neutral neutral, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    CalibrationStore store;

    @Inject
    CalibrationConfig config;

    @Override
    public Neutral latest(String clinicId, String wearerId) {
        String key = key(clinicId, wearerId);
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return entry.neutral();
        }
        Neutral known = entry == null ? null : entry.neutral();
        try {
            Calibration latest = store.latest(clinicId, wearerId).await().atMost(config.lookupTimeout());
            Neutral neutral = newer(known, latest == null ? null : latest.neutral());
            put(key, neutral, now + config.cacheTtl().toNanos());
            return neutral;
        } catch (RuntimeException e) {
            LOG.warnf("stored calibration of a wearer not read within %s (%s); retrying in %d s",
                    config.lookupTimeout(), e.getClass().getSimpleName(), RETRY_SECONDS);
            put(key, known, now + Duration.ofSeconds(RETRY_SECONDS).toNanos());
            return known;
        }
    }

    /** A calibration just recorded: known at once to the analyzers of this instance. */
    void offer(Calibration calibration) {
        String key = key(calibration.clinicId(), calibration.wearerId());
        Neutral neutral = calibration.neutral();
        entries.compute(key, (k, held) -> held == null
                ? new Entry(neutral, System.nanoTime() + config.cacheTtl().toNanos())
                : new Entry(newer(held.neutral(), neutral), held.expiresAtNanos()));
    }

    /** An erased wearer: their neutral is not kept in memory any more. */
    public void forget(String clinicId, String wearerId) {
        entries.remove(key(clinicId, wearerId));
    }

    private void put(String key, Neutral neutral, long expiresAtNanos) {
        if (entries.size() > SWEEP_ABOVE) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
        }
        entries.put(key, new Entry(neutral, expiresAtNanos));
    }

    private static Neutral newer(Neutral a, Neutral b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.at() != null && (a.at() == null || b.at().isAfter(a.at())) ? b : a;
    }

    private static String key(String clinicId, String wearerId) {
        return clinicId + '\u0000' + wearerId;
    }
}
