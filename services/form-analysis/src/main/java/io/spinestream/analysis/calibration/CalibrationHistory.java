package io.spinestream.analysis.calibration;

import java.time.Instant;
import java.util.List;

/**
 * A page of a wearer's calibrations, newest first; {@code nextBefore} (null on the last page) is
 * the {@code before} of the next page.
 */
public record CalibrationHistory(List<CalibrationView> items, Instant nextBefore) {
}
