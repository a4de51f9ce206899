package io.spinestream.ingest.fleet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The fleet registry's listing limits and the fleet alert thresholds. */
@ConfigMapping(prefix = "spinestream.ingest.fleet")
public interface FleetConfig {

    /** Belts per page of {@code GET /v1/belts} when the request gives no {@code limit}. */
    @WithDefault("50")
    int pageSize();

    /** The largest {@code limit} a request may ask for. */
    @WithDefault("500")
    int maxPageSize();

    /** A belt that streamed within {@link #streamedWithin()} and then sent nothing for this long raises {@code BELT_SILENT}. */
    @WithDefault("15m")
    Duration silentAfter();

    /** How recently a belt must have streamed for its silence to matter (a belt in a drawer is not news). */
    @WithDefault("1h")
    Duration streamedWithin();

    /** How often each instance looks for silent belts (the database decides which instance raises an alert). */
    @WithDefault("1m")
    Duration silentCheckInterval();

    /** Battery level (0.0–1.0) below which {@code BATTERY_LOW} is raised. */
    @WithDefault("0.15")
    double batteryLow();

    /**
     * Battery level at or above which a {@code BATTERY_LOW} occurrence ends, so that a battery
     * hovering around the threshold raises one alert, not one per reading.
     */
    @WithDefault("0.20")
    double batteryLowClearsAt();

    /** An alert recorded but not yet acknowledged by Kafka (e.g. during an outage) is sent again after this long. */
    @WithDefault("30s")
    Duration alertResendAfter();
}
