package io.spinestream.ingest.erasure;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The wearers a clinic erased, for whatever is about to record one (a belt assignment): nothing may be
 * recorded of them again. Runs in the caller's Hibernate Reactive transaction and takes each wearer's lock
 * (shared, {@code wearer_recordable}, V6__erasure.sql) until it ends, so that an erasure of one of them
 * starting meanwhile waits for the caller and then removes what it wrote, and one in progress is waited for.
 */
@ApplicationScoped
public class ErasedWearers {

    private static final String ERASED = """
            SELECT w FROM unnest(CAST(:wearers AS text[])) AS w
             WHERE NOT wearer_recordable(CAST(:clinic AS text), w) ORDER BY w""";

    /** Which of {@code wearerIds} (nulls ignored) the clinic erased; call inside the transaction that records them. */
    public Uni<Set<String>> among(String clinicId, Collection<String> wearerIds) {
        // Sorted: one lock order for every caller.
        List<String> wearers = wearerIds.stream().filter(Objects::nonNull).distinct().sorted().toList();
        if (wearers.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(ERASED, String.class)
                        // An array, bound as one value (a collection would be expanded into a row).
                        .setParameter("wearers", wearers.toArray(String[]::new))
                        .setParameter("clinic", clinicId)
                        .getResultList())
                .map(Set::copyOf);
    }
}
