package io.spinestream.journal.pain;

import io.smallrye.mutiny.Uni;
import io.spinestream.journal.insight.rules.PainDays;
import io.spinestream.journal.insight.rules.SorenessAssessment;
import io.spinestream.journal.insight.rules.SorenessClassifier;
import io.spinestream.journal.wearer.Wearer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Views of pain entries with their red flags and their soreness assessment. The assessment is made
 * when the entry is read, from the wearer's pain days up to the entry, so "persisting beyond 7
 * days" is judged on everything recorded by then.
 */
@ApplicationScoped
public class PainAssessments {

    private static final Duration HISTORY = Duration.ofDays(365);

    private final PainEntryRepository entries;
    private final PainRedFlagRepository flags;

    @Inject
    public PainAssessments(PainEntryRepository entries, PainRedFlagRepository flags) {
        this.entries = entries;
        this.flags = flags;
    }

    public Uni<List<PainEntryView>> views(Wearer wearer, List<PainEntry> page) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        ZoneId zone = ZoneId.of(wearer.timeZone);
        Instant earliest = page.stream().map(e -> e.recordedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant latest = page.stream().map(e -> e.recordedAt).max(Comparator.naturalOrder()).orElseThrow();
        return entries.between(wearer.clinicId, wearer.id, earliest.minus(HISTORY), latest.plusSeconds(1))
                .chain(history -> flags.forEntries(wearer.clinicId, page.stream().map(e -> e.id).toList())
                        .map(found -> {
                            PainDays days = new PainDays(PainEntries.observations(history), zone);
                            Map<String, List<PainRedFlag>> byEntry = found.stream()
                                    .collect(Collectors.groupingBy(f -> f.painEntryId));
                            return page.stream().map(e -> PainEntryView.of(e, byEntry.getOrDefault(e.id, List.of()),
                                    assess(e, days, zone))).toList();
                        }));
    }

    public Uni<PainEntryView> view(Wearer wearer, PainEntry entry) {
        return views(wearer, List.of(entry)).map(list -> list.get(0));
    }

    /** Assessments of entries whose history is at hand (reports), keyed by entry id. */
    public static Map<String, SorenessAssessment> assess(List<PainEntry> history, ZoneId zone) {
        PainDays days = new PainDays(PainEntries.observations(history), zone);
        return history.stream().collect(Collectors.toMap(e -> e.id, e -> assess(e, days, zone), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private static SorenessAssessment assess(PainEntry entry, PainDays days, ZoneId zone) {
        return SorenessClassifier.classify(PainEntries.observation(entry), days, zone);
    }
}
