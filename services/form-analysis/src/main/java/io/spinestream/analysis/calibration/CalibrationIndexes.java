package io.spinestream.analysis.calibration;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Creates the calibration index at start, so the analyzer's lookups are not scans. */
@ApplicationScoped
class CalibrationIndexes {

    private static final Logger LOG = Logger.getLogger(CalibrationIndexes.class);

    @Inject
    CalibrationStore calibrations;

    void onStart(@Observes StartupEvent event) {
        calibrations.ensureIndexes()
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ok -> LOG.debug("calibration indexes ready"),
                        failure -> LOG.errorf(failure, "could not create calibration indexes"));
    }
}
