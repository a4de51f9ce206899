package io.spinestream.journal.insight.rules;

import io.spinestream.journal.pain.MovementResponse;
import io.spinestream.journal.pain.Onset;
import io.spinestream.journal.pain.PainLocation;
import io.spinestream.journal.pain.PainQuality;
import io.spinestream.journal.pain.Symptom;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Pain observations for rule tests: a DOMS-like entry by default, changed field by field. */
final class Pain {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final AtomicInteger IDS = new AtomicInteger();

    private String id = "pe-" + IDS.incrementAndGet();
    private Instant at = Instant.parse("2026-11-20T09:00:00Z");
    private int intensity = 3;
    private Set<PainLocation> locations = Set.of(PainLocation.LOWER_BACK_CENTRAL);
    private Set<PainQuality> qualities = Set.of(PainQuality.ACHING);
    private Onset onset = Onset.HOURS_AFTER;
    private Double onsetHours = 24.0;
    private Set<Symptom> symptoms = Set.of();
    private MovementResponse movement = MovementResponse.IMPROVES;
    private boolean linked;
    private boolean selfCare;

    static Pain entry() {
        return new Pain();
    }

    /** An entry at 09:00 local time of {@code day}. */
    static PainObservation on(LocalDate day, int intensity) {
        return entry().at(day.atTime(9, 0).atZone(ZONE).toInstant()).intensity(intensity).build();
    }

    Pain at(Instant at) {
        this.at = at;
        return this;
    }

    Pain intensity(int intensity) {
        this.intensity = intensity;
        return this;
    }

    Pain locations(PainLocation... locations) {
        this.locations = Set.of(locations);
        return this;
    }

    Pain qualities(PainQuality... qualities) {
        this.qualities = Set.of(qualities);
        return this;
    }

    Pain onset(Onset onset, Double hours) {
        this.onset = onset;
        this.onsetHours = hours;
        return this;
    }

    Pain symptoms(Symptom... symptoms) {
        this.symptoms = Set.of(symptoms);
        return this;
    }

    Pain movement(MovementResponse movement) {
        this.movement = movement;
        return this;
    }

    Pain linked() {
        this.linked = true;
        return this;
    }

    PainObservation build() {
        return new PainObservation(id, at, intensity, locations, qualities, onset, onsetHours, symptoms, movement,
                linked, selfCare);
    }
}
