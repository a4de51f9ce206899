package io.spinestream.analysis.calibration;

import java.time.Instant;

/**
 * One calibration as the API shows it: the wearer's raw neutral lumbar angles (what is subtracted
 * from every derived angle), degrees.
 */
public record CalibrationView(String id, String clinicId, String wearerId, String beltId, String sessionId,
                              Instant at, double flexionDeg, double sideBendDeg, double rotationDeg,
                              double hipHingeDeg, double seconds) {

    static CalibrationView of(Calibration c) {
        return new CalibrationView(c.id(), c.clinicId(), c.wearerId(), c.beltId(), c.sessionId(), c.at(),
                c.flexionDeg(), c.sideBendDeg(), c.rotationDeg(), c.hipHingeDeg(), c.seconds());
    }
}
