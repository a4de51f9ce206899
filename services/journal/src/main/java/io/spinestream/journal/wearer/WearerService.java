package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.Limits;
import io.spinestream.journal.JournalConfig;
import io.spinestream.journal.outbox.Outbox;
import io.spinestream.journal.outbox.OutboxRelay;
import io.spinestream.journal.shared.Failures;
import io.spinestream.journal.shared.JsonColumns;
import io.spinestream.journal.shared.TimeZones;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Changes to wearers, each in one transaction. A change of conditions, limits or birth year is a
 * new profile version: the version row and the wearer-profile event (outbox) are written with it,
 * so form analysis learns every committed version and nothing else.
 */
@ApplicationScoped
public class WearerService {

    private static final Logger LOG = Logger.getLogger(WearerService.class);

    private final WearerRepository wearers;
    private final ProfileVersionRepository versions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final JournalConfig config;

    @Inject
    public WearerService(WearerRepository wearers, ProfileVersionRepository versions, Outbox outbox,
                         OutboxRelay relay, JournalConfig config) {
        this.wearers = wearers;
        this.versions = versions;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
    }

    /**
     * Creates the wearer under a new id, with profile version 1 and its wearer-profile event (so form
     * analysis knows the wearer from the start, with no conditions and default limits unless a
     * clinician gave some); 409 naming {@code externalRef} if the clinic already uses that reference.
     * Nothing else can conflict: the id is the journal's, so nothing about other clinics shows.
     */
    public Uni<Wearer> create(String clinicId, String actor, CreateWearerRequest request) {
        String zone = request.timeZone() == null ? config.defaultTimeZone().getId()
                : TimeZones.parse(request.timeZone(), "timeZone").getId();
        checkBirthYear(request.birthYear());
        Instant now = now();
        Wearer wearer = new Wearer();
        wearer.id = WearerIds.next();
        wearer.clinicId = clinicId;
        wearer.externalRef = request.externalRef();
        wearer.displayName = request.displayName().strip();
        wearer.birthYear = request.birthYear();
        wearer.timeZone = zone;
        wearer.conditions = normalise(request.conditions());
        wearer.limits = JsonColumns.write(request.limits() == null ? Limits.none() : request.limits().toLimits());
        wearer.profileVersion = 1;
        wearer.createdAt = now;
        wearer.updatedAt = now;
        return Panache.withTransaction(() -> wearers.persist(wearer).chain(wearers::flush)
                        .chain(() -> recordVersion(wearer, actor, "created")))
                .onFailure(e -> Failures.isUniqueViolation(e, ExternalRefs.UNIQUE_CONSTRAINT))
                .transform(e -> ExternalRefs.taken())
                .invoke(relay::wake)
                .invoke(created -> LOG.infof("wearer %s created in clinic %s", created.id, clinicId));
    }

    /**
     * Changes name, birth year, time zone or the clinic's reference ({@code ""} removes it); a new
     * birth year is a new profile version. 409 naming {@code externalRef} if another wearer of the
     * clinic has that reference.
     */
    public Uni<Wearer> update(String clinicId, String actor, String wearerId, UpdateWearerRequest request) {
        String zone = request.timeZone() == null ? null : TimeZones.parse(request.timeZone(), "timeZone").getId();
        checkBirthYear(request.birthYear());
        return Panache.withTransaction(() -> find(clinicId, wearerId).chain(wearer -> {
                    Instant now = now();
                    if (request.displayName() != null) {
                        wearer.displayName = request.displayName().strip();
                    }
                    if (zone != null) {
                        wearer.timeZone = zone;
                    }
                    if (request.externalRef() != null) {
                        wearer.externalRef = request.externalRef().isEmpty() ? null : request.externalRef();
                    }
                    boolean profileChanged = request.birthYear() != null
                            && !request.birthYear().equals(wearer.birthYear);
                    wearer.updatedAt = now;
                    if (!profileChanged) {
                        return Uni.createFrom().item(wearer);
                    }
                    wearer.birthYear = request.birthYear();
                    wearer.profileVersion++;
                    return recordVersion(wearer, actor, "birth year changed");
                }))
                .onFailure(e -> Failures.isUniqueViolation(e, ExternalRefs.UNIQUE_CONSTRAINT))
                .transform(e -> ExternalRefs.taken())
                .onFailure(Failures::isUniqueViolation).transform(WearerService::concurrentChange)
                .invoke(relay::wake);
    }

    /**
     * Replaces conditions and limits. The same profile again is no change (no new version, no
     * event), so a retried request is harmless.
     */
    public Uni<Wearer> replaceProfile(String clinicId, String actor, String wearerId, ProfileRequest request) {
        String[] conditions = normalise(request.conditions());
        String limits = JsonColumns.write(request.limits() == null ? Limits.none() : request.limits().toLimits());
        return Panache.withTransaction(() -> find(clinicId, wearerId).chain(wearer -> {
                    if (List.of(conditions).equals(List.of(wearer.conditions))
                            && JsonColumns.read(limits, Limits.class).equals(JsonColumns.read(wearer.limits, Limits.class))) {
                        return Uni.createFrom().item(wearer);
                    }
                    wearer.conditions = conditions;
                    wearer.limits = limits;
                    wearer.profileVersion++;
                    wearer.updatedAt = now();
                    return recordVersion(wearer, actor, request.reason());
                }))
                .onFailure(Failures::isUniqueViolation).transform(WearerService::concurrentChange)
                .invoke(relay::wake);
    }

    /** Records the wearer's consent to EHR export, and who recorded it. */
    public Uni<Wearer> recordConsent(String clinicId, String actor, String wearerId, ConsentRequest request) {
        return Panache.withTransaction(() -> find(clinicId, wearerId).map(wearer -> {
            Instant now = now();
            wearer.consentEhrExport = request.ehrExport();
            wearer.consentRecordedAt = now;
            wearer.consentRecordedBy = actor;
            wearer.updatedAt = now;
            return wearer;
        }));
    }

    private Uni<Wearer> find(String clinicId, String wearerId) {
        return wearers.findInClinic(clinicId, wearerId).onItem().ifNull().failWith(() -> WearerAccess.notFound(wearerId));
    }

    private Uni<Wearer> recordVersion(Wearer wearer, String actor, String reason) {
        ProfileVersion version = new ProfileVersion();
        version.wearerId = wearer.id;
        version.version = wearer.profileVersion;
        version.clinicId = wearer.clinicId;
        version.conditions = wearer.conditions;
        version.limits = wearer.limits;
        version.birthYear = wearer.birthYear;
        version.changedBy = actor;
        version.changedAt = wearer.updatedAt;
        version.reason = reason == null || reason.isBlank() ? null : reason.strip();
        return versions.persist(version)
                .chain(() -> outbox.add(ProfileEvents.of(version), wearer.id))
                .replaceWith(wearer);
    }

    private static String[] normalise(List<String> conditions) {
        return conditions == null ? new String[0]
                : conditions.stream().filter(Objects::nonNull).distinct().sorted().toArray(String[]::new);
    }

    private static void checkBirthYear(Integer birthYear) {
        if (birthYear != null && birthYear > Year.now().getValue()) {
            throw ProblemException.invalidField("birthYear", "Max", "must not be in the future");
        }
    }

    private static ProblemException concurrentChange(Throwable e) {
        return ProblemException.conflict("the profile was changed concurrently; read it again and retry");
    }

    private static Instant now() {
        // Microseconds: what PostgreSQL keeps, so a stored time reads back equal.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
