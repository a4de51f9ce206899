package io.spinestream.ingest.status;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What uploads told about each belt since the last flush, in memory: the hot path writes no
 * status to the database. {@link BeltStatusFlusher} takes it out and writes it.
 */
@ApplicationScoped
public class BeltStatusTracker {

    /**
     * A belt's news since the last flush.
     *
     * @param lastSeenAt latest receipt
     * @param lastSeq    highest seq accepted, or null if only duplicates arrived
     * @param battery    battery of the latest batch that carried one, and when it arrived
     * @param firmware   firmware of the latest batch that carried one, and when it arrived
     */
    public record Observed(String beltId, String clinicId, Instant lastSeenAt, Long lastSeq,
                           Float battery, Instant batteryAt, String firmware, Instant firmwareAt) {

        Observed merge(Observed newer) {
            boolean newerBattery = newer.battery != null && (batteryAt == null || !newer.batteryAt.isBefore(batteryAt));
            boolean newerFirmware = newer.firmware != null && (firmwareAt == null || !newer.firmwareAt.isBefore(firmwareAt));
            return new Observed(beltId, clinicId, max(lastSeenAt, newer.lastSeenAt),
                    lastSeq == null ? newer.lastSeq : newer.lastSeq == null ? lastSeq : Math.max(lastSeq, newer.lastSeq),
                    newerBattery ? newer.battery : battery, newerBattery ? newer.batteryAt : batteryAt,
                    newerFirmware ? newer.firmware : firmware, newerFirmware ? newer.firmwareAt : firmwareAt);
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }

    private final ConcurrentMap<String, Observed> pending = new ConcurrentHashMap<>();

    /** An accepted batch: the belt is alive, and these are its latest readings. */
    public void accepted(String beltId, String clinicId, Instant receivedAt, long seq, Float battery, String firmware) {
        record(new Observed(beltId, clinicId, receivedAt, seq, battery, battery == null ? null : receivedAt,
                firmware, firmware == null ? null : receivedAt));
    }

    /** A re-sent batch: the belt is alive, nothing else is news. */
    public void seen(String beltId, String clinicId, Instant at) {
        record(new Observed(beltId, clinicId, at, null, null, null, null, null));
    }

    /** Everything observed since the last call, removing it. */
    public List<Observed> drain() {
        List<Observed> drained = new ArrayList<>();
        for (String beltId : pending.keySet()) {
            Observed observed = pending.remove(beltId);
            if (observed != null) {
                drained.add(observed);
            }
        }
        return drained;
    }

    /** Puts back what a failed flush could not write, merged with anything newer. */
    public void restore(List<Observed> unwritten) {
        unwritten.forEach(this::record);
    }

    private void record(Observed observed) {
        pending.merge(observed.beltId(), observed, Observed::merge);
    }
}
