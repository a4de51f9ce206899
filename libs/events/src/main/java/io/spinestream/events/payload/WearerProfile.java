package io.spinestream.events.payload;

import java.time.Instant;
import java.util.List;

/**
 * What form analysis needs to know about a wearer: conditions and clinician-set limits. The
 * latest version per wearer is kept (compacted topic).
 *
 * @param wearerId   the wearer
 * @param clinicId   tenant
 * @param conditions condition codes ({@code disc_herniation}, {@code spinal_stenosis},
 *                   {@code spondylolisthesis}, {@code facet_irritation},
 *                   {@code muscle_strain}); never null
 * @param limits     clinician-set limits; never null ({@link Limits#none()} when none)
 * @param birthYear  for age-based rules; {@code null} when not recorded
 * @param version    increases with every change; consumers ignore a lower version than
 *                   the one they hold
 * @param updatedAt  when this version was made; {@code null} when unknown
 */
public record WearerProfile(
        String wearerId,
        String clinicId,
        List<String> conditions,
        Limits limits,
        Integer birthYear,
        long version,
        Instant updatedAt) {

    public WearerProfile {
        Payloads.requiredText(wearerId, "wearerId");
        conditions = Payloads.list(conditions);
        limits = limits == null ? Limits.none() : limits;
    }
}
