package io.spinestream.ingest.fleet;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;
import io.spinestream.ingest.status.BeltStatusListener;
import io.spinestream.ingest.status.FlushedStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code BATTERY_LOW} from the statuses each flush wrote: raised when a belt's battery is below
 * the threshold, once per occurrence; the occurrence ends when the battery is back at or above
 * {@code battery-low-clears-at} (a charge), so readings hovering around the threshold raise one alert.
 */
@ApplicationScoped
public class BatteryLowCheck implements BeltStatusListener {

    private final FleetAlerts alerts;
    private final FleetConfig config;

    @Inject
    public BatteryLowCheck(FleetAlerts alerts, FleetConfig config) {
        this.alerts = alerts;
        this.config = config;
    }

    @Override
    public Uni<Void> flushed(List<FlushedStatus> statuses) {
        Instant now = Instant.now();
        List<String> charged = statuses.stream()
                .filter(s -> !s.active() || (s.battery() != null && s.battery() >= config.batteryLowClearsAt()))
                .map(FlushedStatus::beltId)
                .toList();
        List<FlushedStatus> low = statuses.stream()
                .filter(s -> s.active() && s.battery() != null && s.battery() < config.batteryLow())
                .toList();
        return alerts.clear(FleetAlertCodes.BATTERY_LOW, charged, now)
                .chain(() -> Multi.createFrom().iterable(low)
                        .onItem().transformToUniAndConcatenate(status -> alerts.raise(alert(status), status.lastSeenAt()))
                        .collect().asList())
                .replaceWithVoid();
    }

    private Alert alert(FlushedStatus status) {
        double percent = Math.round(status.battery() * 1000d) / 10d;
        double limit = Math.round(config.batteryLow() * 1000d) / 10d;
        String alertId = FleetAlerts.alertId(status.beltId(), FleetAlertCodes.BATTERY_LOW, status.lastSeq(),
                status.lastSeenAt());
        return new Alert(alertId, FleetAlertCodes.BATTERY_LOW, Severity.WARNING, status.clinicId(), status.beltId(),
                status.wearerId(), null, status.lastSeenAt(), percent, limit, "%", false, null,
                "battery at " + percent + " % is below " + limit + " %",
                Map.of("lastSeenAt", String.valueOf(status.lastSeenAt()), "lastSeq", String.valueOf(status.lastSeq())));
    }
}
