package io.spinestream.analysis.stream;

import io.spinestream.analysis.core.Neutral;

/** The calibration store as the live analyzer reads it: a wearer's latest calibration, quickly. */
public interface StoredCalibrations {

    /**
     * The wearer's latest stored calibration ({@link Neutral.Source#CALIBRATION}), or {@code null}
     * when there is none or it could not be read in time. Answers from memory, except on the first
     * batch of a wearer in a while, when it may wait a bounded time for the database.
     */
    Neutral latest(String clinicId, String wearerId);
}
