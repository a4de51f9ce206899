package io.spinestream.journal.wearer;

import io.spinestream.events.payload.Limits;
import io.spinestream.journal.shared.JsonColumns;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One version of a wearer's profile: the full state, who made it, when, why, and what changed from
 * the version before ({@code changes}; every field for the first version).
 */
public record ProfileChangeView(long version, String changedBy, Instant changedAt, String reason,
                                List<String> conditions, Limits limits, Integer birthYear, List<Change> changes) {

    /** A field that changed: {@code conditions}, {@code birthYear} or {@code limits.<name>}. */
    public record Change(String field, Object from, Object to) {
    }

    /** The views of a history, oldest first, each compared with the one before. */
    public static List<ProfileChangeView> of(List<ProfileVersion> history) {
        List<ProfileChangeView> views = new ArrayList<>();
        ProfileVersion previous = null;
        for (ProfileVersion version : history) {
            views.add(of(version, previous));
            previous = version;
        }
        return views;
    }

    private static ProfileChangeView of(ProfileVersion version, ProfileVersion previous) {
        Limits limits = JsonColumns.read(version.limits, Limits.class);
        Limits before = previous == null ? Limits.none() : JsonColumns.read(previous.limits, Limits.class);
        List<String> conditions = List.of(version.conditions);
        List<String> conditionsBefore = previous == null ? List.of() : List.of(previous.conditions);
        List<Change> changes = new ArrayList<>();
        if (!conditions.equals(conditionsBefore)) {
            changes.add(new Change("conditions", conditionsBefore, conditions));
        }
        Integer birthYearBefore = previous == null ? null : previous.birthYear;
        if (!Objects.equals(version.birthYear, birthYearBefore)) {
            changes.add(new Change("birthYear", birthYearBefore, version.birthYear));
        }
        for (RecordComponent component : Limits.class.getRecordComponents()) {
            Object from = value(component, before);
            Object to = value(component, limits);
            if (!Objects.equals(from, to)) {
                changes.add(new Change("limits." + component.getName(), from, to));
            }
        }
        return new ProfileChangeView(version.version, version.changedBy, version.changedAt, version.reason,
                conditions, limits, version.birthYear, changes);
    }

    private static Object value(RecordComponent component, Limits limits) {
        try {
            return component.getAccessor().invoke(limits);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Limits accessor " + component.getName(), e);
        }
    }
}
