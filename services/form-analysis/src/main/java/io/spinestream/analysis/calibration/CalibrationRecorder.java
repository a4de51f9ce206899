package io.spinestream.analysis.calibration;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.spinestream.analysis.erasure.ErasedWearers;
import io.spinestream.analysis.erasure.WearerKey;

import java.time.Duration;
import java.util.List;

/**
 * Keeps every {@code CALIBRATED} advisory the analyzer published as a calibration of its wearer.
 * Reads the alerts topic in its own consumer group, off the haptic path; at least once, and
 * idempotent (one document per advisory id). While MongoDB is away it retries, and the offsets
 * wait with it, so no calibration is lost.
 */
@ApplicationScoped
public class CalibrationRecorder {

    private static final Logger LOG = Logger.getLogger(CalibrationRecorder.class);

    @Inject
    CalibrationStore store;

    @Inject
    CalibrationCache cache;

    @Inject
    ErasedWearers erased;

    @Incoming("calibration-records")
    public Uni<Void> record(Event<?> event) {
        if (event == null || event.type() != EventType.FORM_ADVISORY
                || !EventSources.FORM_ANALYSIS.equals(event.source())) {
            return Uni.createFrom().voidItem();
        }
        Alert alert = event.dataAs(Alert.class);
        if (!"CALIBRATED".equals(alert.code()) || alert.wearerId() == null || alert.late()) {
            return Uni.createFrom().voidItem();
        }
        Calibration calibration = Calibration.of(alert);
        if (calibration == null) {
            LOG.warnf("CALIBRATED advisory %s without its four neutral angles; not kept", event.id());
            return Uni.createFrom().voidItem();
        }
        WearerKey wearer = new WearerKey(calibration.clinicId(), calibration.wearerId());
        // An erased wearer's calibration is not kept (nor offered to the analyzers); one stored while
        // the erasure ran is removed again.
        return erased.isErased(wearer.clinicId(), wearer.wearerId())
                .chain(gone -> gone ? Uni.createFrom().item(false)
                        : store.record(calibration)
                        .chain(() -> erased.afterWrite(List.of(wearer),
                                w -> store.deleteOfWearer(w.clinicId(), w.wearerId())))
                        .chain(() -> erased.isErased(wearer.clinicId(), wearer.wearerId()))
                        .map(erasedMeanwhile -> !erasedMeanwhile))
                .onFailure().invoke(e -> LOG.warnf("calibration %s not stored yet: %s", event.id(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .invoke(kept -> {
                    if (kept) {
                        cache.offer(calibration);
                    }
                })
                .replaceWithVoid();
    }
}
