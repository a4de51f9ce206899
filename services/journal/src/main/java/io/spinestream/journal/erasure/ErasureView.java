package io.spinestream.journal.erasure;

import com.fasterxml.jackson.core.type.TypeReference;
import io.spinestream.journal.shared.JsonColumns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An erasure as the clinic sees it: its receipt. {@code status} is {@code completed} once every service
 * named in {@code services} confirmed, {@code pending} until then; {@code completedAt} is when the last one
 * did (null while pending).
 *
 * @param services per service: {@code status} ({@code pending}/{@code completed}), {@code removed} (records
 *                 removed by kind; null while pending) and {@code completedAt}
 */
public record ErasureView(String id, String wearerId, String status, Instant requestedAt, String requestedBy,
                          Instant completedAt, Map<String, ServiceView> services) {

    public static final String PENDING = "pending";
    public static final String COMPLETED = "completed";

    /** The JSON of a part's removed counts. */
    static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    /** One service's part. */
    public record ServiceView(String status, Map<String, Long> removed, Instant completedAt) {
    }

    public static ErasureView of(Erasure erasure, List<ErasureConfirmation> confirmations) {
        Map<String, ServiceView> services = new TreeMap<>();
        Instant last = null;
        boolean done = true;
        for (ErasureConfirmation c : confirmations) {
            if (c.isCompleted()) {
                services.put(c.service, new ServiceView(COMPLETED, new TreeMap<>(JsonColumns.read(c.removed, COUNTS)),
                        c.completedAt));
                last = last == null || c.completedAt.isAfter(last) ? c.completedAt : last;
            } else {
                services.put(c.service, new ServiceView(PENDING, null, null));
                done = false;
            }
        }
        return new ErasureView(erasure.id, erasure.wearerId, done ? COMPLETED : PENDING, erasure.requestedAt,
                erasure.requestedBy, done ? last : null, services);
    }
}
