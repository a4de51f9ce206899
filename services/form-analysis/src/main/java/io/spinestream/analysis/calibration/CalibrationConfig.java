package io.spinestream.analysis.calibration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the live analyzer reads stored calibrations. */
@ConfigMapping(prefix = "spinestream.analysis.calibration")
public interface CalibrationConfig {

    /**
     * The longest a batch waits for the database when its wearer's calibration is not in memory
     * (the first batch of a wearer in {@link #cacheTtl()}). The batch is then analysed with what
     * the belt itself knows; haptics never wait longer than this for a calibration.
     */
    @WithDefault("200ms")
    Duration lookupTimeout();

    /**
     * How long a wearer's calibration, or the knowledge that there is none, is kept in memory. A
     * calibration made on a belt of another instance reaches this one at the latest after this.
     */
    @WithDefault("5m")
    Duration cacheTtl();
}
