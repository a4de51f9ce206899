package io.spinestream.journal.wearer;

import java.time.Instant;

/** A wearer as the API shows it. */
public record WearerView(String id, String clinicId, String displayName, Integer birthYear, Instant createdAt) {

    static WearerView of(Wearer wearer) {
        return new WearerView(wearer.id, wearer.clinicId, wearer.displayName, wearer.birthYear, wearer.createdAt);
    }
}
