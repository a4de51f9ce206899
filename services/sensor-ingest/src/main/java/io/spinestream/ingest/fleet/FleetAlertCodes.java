package io.spinestream.ingest.fleet;

/** The alert codes sensor-ingest raises, as {@code FLEET_ALERT} events on the alerts topic. */
public final class FleetAlertCodes {

    /** A belt that streamed recently has gone quiet. */
    public static final String BELT_SILENT = "BELT_SILENT";

    /** A belt reported a battery below the threshold. */
    public static final String BATTERY_LOW = "BATTERY_LOW";

    private FleetAlertCodes() {
    }
}
