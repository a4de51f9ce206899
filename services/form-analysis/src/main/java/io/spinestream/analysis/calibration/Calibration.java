package io.spinestream.analysis.calibration;

import io.spinestream.analysis.core.Neutral;
import io.spinestream.events.payload.Alert;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * A wearer's neutral spine as one calibration found it (a {@code CALIBRATED} advisory), as kept in
 * MongoDB: one document per calibration, so a wearer's calibrations are their history.
 *
 * @param id          the advisory's event id
 * @param at          the calibration's last sample
 * @param flexionDeg  raw neutral of lumbar flexion, degrees (the advisory's 0.01° resolution)
 * @param seconds     seconds of samples the calibration used
 */
public record Calibration(String id, String clinicId, String wearerId, String beltId, String sessionId, Instant at,
                          double flexionDeg, double sideBendDeg, double rotationDeg, double hipHingeDeg,
                          double seconds) {

    static final String CLINIC = "clinicId";
    static final String WEARER = "wearerId";
    static final String AT = "at";

    /** The calibration a {@code CALIBRATED} advisory reports; null if its details are not four numbers. */
    static Calibration of(Alert alert) {
        try {
            return new Calibration(alert.alertId(), alert.clinicId(), alert.wearerId(), alert.beltId(),
                    alert.sessionId(), alert.at(), number(alert, "flexionDeg"), number(alert, "sideBendDeg"),
                    number(alert, "rotationDeg"), number(alert, "hipHingeDeg"), number(alert, "seconds"));
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static double number(Alert alert, String key) {
        return Double.parseDouble(alert.details().get(key));
    }

    /** The neutral to hand the analyzer ({@code BatchContext.withCalibration}). */
    public Neutral neutral() {
        return new Neutral((float) flexionDeg, (float) sideBendDeg, (float) rotationDeg, (float) hipHingeDeg,
                Neutral.Source.CALIBRATION, at);
    }

    Document toDocument() {
        return new Document("_id", id).append(CLINIC, clinicId).append(WEARER, wearerId).append("beltId", beltId)
                .append("sessionId", sessionId).append(AT, Date.from(at)).append("flexionDeg", flexionDeg)
                .append("sideBendDeg", sideBendDeg).append("rotationDeg", rotationDeg)
                .append("hipHingeDeg", hipHingeDeg).append("seconds", seconds);
    }

    static Calibration of(Document d) {
        return new Calibration(d.getString("_id"), d.getString(CLINIC), d.getString(WEARER), d.getString("beltId"),
                d.getString("sessionId"), d.getDate(AT).toInstant(), d.getDouble("flexionDeg"),
                d.getDouble("sideBendDeg"), d.getDouble("rotationDeg"), d.getDouble("hipHingeDeg"),
                d.getDouble("seconds"));
    }
}
