package io.spinestream.analysis.core;

import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.WearerProfile;
import java.util.List;

/**
 * What the platform knows about a batch besides its samples: the tenant and wearer it was
 * attributed to at ingest, and that wearer's profile.
 *
 * @param clinicId    tenant; {@code null} offline
 * @param wearerId    wearer assigned to the belt at ingest; {@code null} when unassigned
 * @param conditions  the wearer's condition codes; never null (empty = none)
 * @param limits      clinician-set limits; never null ({@link Limits#none()} = defaults)
 * @param calibration the wearer's last stored calibration (e.g. from the calibration store,
 *                    made on another belt); {@code null} when none. Used when this belt's state
 *                    holds no newer calibration of the wearer.
 */
public record BatchContext(String clinicId, String wearerId, List<String> conditions, Limits limits,
                           Neutral calibration) {

    private static final BatchContext NONE = new BatchContext(null, null, List.of(), Limits.none(), null);

    public BatchContext {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        limits = limits == null ? Limits.none() : limits;
        if (calibration != null && calibration.source() != Neutral.Source.CALIBRATION) {
            throw new IllegalArgumentException("a stored calibration must have source CALIBRATION");
        }
    }

    /** No tenant, no wearer, default limits. */
    public static BatchContext none() {
        return NONE;
    }

    /** A batch of {@code wearerId} with that profile ({@code null} = defaults). */
    public static BatchContext of(String clinicId, String wearerId, WearerProfile profile) {
        return profile == null
                ? new BatchContext(clinicId, wearerId, List.of(), Limits.none(), null)
                : new BatchContext(clinicId, wearerId, profile.conditions(), profile.limits(), null);
    }

    /** A batch of {@code wearerId} with those conditions and clinician limits. */
    public static BatchContext of(String clinicId, String wearerId, List<String> conditions, Limits limits) {
        return new BatchContext(clinicId, wearerId, conditions, limits, null);
    }

    /** This context with the wearer's stored calibration. */
    public BatchContext withCalibration(Neutral stored) {
        return new BatchContext(clinicId, wearerId, conditions, limits, stored);
    }
}
