package io.spinestream.ingest.fleet;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.spinestream.ingest.auth.BeltCredential;
import io.spinestream.ingest.auth.BeltCredentialFormat;
import io.spinestream.ingest.auth.BeltCredentialRepository;
import io.spinestream.ingest.auth.BeltCredentialsRevoked;
import io.spinestream.ingest.erasure.ErasedWearers;
import io.spinestream.platform.problem.Problem;
import io.spinestream.platform.problem.ProblemException;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Changes to the fleet registry, each in one transaction and within the caller's clinic. */
@ApplicationScoped
public class FleetRegistry {

    private static final Logger LOG = Logger.getLogger(FleetRegistry.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final BeltRepository belts;
    private final BeltAssignmentRepository assignments;
    private final BeltCredentialRepository credentials;
    private final Event<BeltCredentialsRevoked> revoked;
    private final ErasedWearers erased;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public FleetRegistry(BeltRepository belts, BeltAssignmentRepository assignments,
                         BeltCredentialRepository credentials, Event<BeltCredentialsRevoked> revoked,
                         ErasedWearers erased) {
        this.belts = belts;
        this.assignments = assignments;
        this.credentials = credentials;
        this.revoked = revoked;
        this.erased = erased;
    }

    /**
     * Provisions every belt or none: a duplicate id in the request is a 400, an id already
     * provisioned (in any clinic: ids are hardware serials) or a wearer the clinic erased a 409,
     * and nothing is written.
     */
    public Uni<List<ProvisionedBelt>> provision(String clinicId, List<ProvisionBeltRequest> requests) {
        rejectDuplicates(requests);
        return Panache.withTransaction(() -> insert(clinicId, requests))
                .onFailure(FleetRegistry::isUniqueViolation).transform(e -> ProblemException.conflict(
                        "a belt of this request was provisioned concurrently; nothing was provisioned"))
                .invoke(done -> LOG.infof("provisioned %d belt(s) for clinic %s", done.size(), clinicId));
    }

    private Uni<List<ProvisionedBelt>> insert(String clinicId, List<ProvisionBeltRequest> requests) {
        List<String> ids = requests.stream().map(ProvisionBeltRequest::id).toList();
        return refuseErased(clinicId, requests).chain(() -> belts.existingIds(ids)).chain(taken -> {
            if (!taken.isEmpty()) {
                return Uni.createFrom().failure(alreadyProvisioned(requests, taken));
            }
            Instant now = now();
            List<Belt> newBelts = new ArrayList<>();
            List<BeltCredential> newCredentials = new ArrayList<>();
            List<BeltAssignment> newAssignments = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (ProvisionBeltRequest request : requests) {
                Belt belt = new Belt();
                belt.id = request.id();
                belt.clinicId = clinicId;
                belt.model = request.model();
                belt.firmware = request.firmware();
                belt.wearerId = request.wearerId();
                belt.provisionedAt = now;
                newBelts.add(belt);
                BeltCredentialFormat.Issued issued = BeltCredentialFormat.issue(random);
                newCredentials.add(credential(belt.id, issued, now));
                tokens.add(issued.token());
                if (request.wearerId() != null) {
                    newAssignments.add(BeltAssignment.open(belt.id, request.wearerId(), now));
                }
            }
            // Belts first: credentials and assignments reference them.
            return belts.persist(newBelts).chain(belts::flush)
                    .chain(() -> credentials.persist(newCredentials))
                    .chain(() -> newAssignments.isEmpty() ? Uni.createFrom().voidItem()
                            : assignments.persist(newAssignments))
                    .chain(belts::flush)
                    .map(ignored -> {
                        List<ProvisionedBelt> provisioned = new ArrayList<>();
                        for (int i = 0; i < newBelts.size(); i++) {
                            provisioned.add(new ProvisionedBelt(BeltView.of(newBelts.get(i)), tokens.get(i)));
                        }
                        return provisioned;
                    });
        });
    }

    /**
     * Assigns the belt to a wearer (or unassigns it with null), closing the previous assignment. A wearer
     * the clinic erased is refused (409) before the belt is looked at: the wearer's lock comes first, as in
     * the erasure, so the two cannot deadlock.
     */
    @WithTransaction
    public Uni<Belt> assign(String clinicId, String beltId, String wearerId) {
        return refuseErased(clinicId, wearerId).chain(() -> activeBelt(clinicId, beltId)).chain(belt -> {
            if (Objects.equals(belt.wearerId, wearerId)) {
                return Uni.createFrom().item(belt);
            }
            Instant now = now();
            belt.wearerId = wearerId;
            // Flushed before the new one: one open assignment per belt is a unique index.
            Uni<Void> closed = assignments.close(beltId, now).chain(assignments::flush);
            return wearerId == null
                    ? closed.replaceWith(belt)
                    : closed.chain(() -> assignments.persist(BeltAssignment.open(beltId, wearerId, now))).replaceWith(belt);
        });
    }

    /** Issues a new credential; the previous one is revoked in the same transaction. */
    @WithTransaction
    public Uni<IssuedCredential> rotateCredential(String clinicId, String beltId) {
        return activeBelt(clinicId, beltId).chain(belt -> {
            Instant now = now();
            return credentials.revokeActive(beltId, now)
                    .chain(() -> credentials.issue(beltId, now))
                    .map(issued -> new IssuedCredential(beltId, issued.token(), now))
                    .invoke(() -> {
                        LOG.infof("rotated the credential of belt %s (clinic %s)", beltId, clinicId);
                        revoked.fire(new BeltCredentialsRevoked(beltId));
                    });
        });
    }

    /** Retires the belt: its credential stops working, its wearer is unassigned. Retiring again changes nothing. */
    @WithTransaction
    public Uni<Void> retire(String clinicId, String beltId) {
        return belts.lockInClinic(clinicId, beltId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("belt " + beltId))
                .chain(belt -> {
                    if (belt.state == BeltState.retired) {
                        return Uni.createFrom().voidItem();
                    }
                    Instant now = now();
                    belt.state = BeltState.retired;
                    belt.retiredAt = now;
                    belt.wearerId = null;
                    return credentials.revokeActive(beltId, now)
                            .chain(() -> assignments.close(beltId, now))
                            .invoke(() -> {
                                LOG.infof("retired belt %s (clinic %s)", beltId, clinicId);
                                revoked.fire(new BeltCredentialsRevoked(beltId));
                            })
                            .replaceWithVoid();
                });
    }

    private Uni<Belt> activeBelt(String clinicId, String beltId) {
        return belts.lockInClinic(clinicId, beltId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("belt " + beltId))
                .invoke(belt -> {
                    if (belt.state == BeltState.retired) {
                        throw ProblemException.conflict("belt " + beltId + " is retired");
                    }
                });
    }

    private static BeltCredential credential(String beltId, BeltCredentialFormat.Issued issued, Instant now) {
        BeltCredential credential = new BeltCredential();
        credential.keyId = issued.keyId();
        credential.beltId = beltId;
        credential.secretHash = issued.secretHash();
        credential.issuedAt = now;
        return credential;
    }

    private static void rejectDuplicates(List<ProvisionBeltRequest> requests) {
        Map<String, Integer> firstIndex = new HashMap<>();
        List<Problem.FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Integer first = firstIndex.putIfAbsent(requests.get(i).id(), i);
            if (first != null) {
                violations.add(new Problem.FieldViolation("belts[" + i + "].id", "unique",
                        "belt " + requests.get(i).id() + " is also belts[" + first + "]"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("the request names a belt more than once; nothing was provisioned",
                    violations);
        }
    }

    private static ProblemException alreadyProvisioned(List<ProvisionBeltRequest> requests, List<String> taken) {
        List<Problem.FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (taken.contains(requests.get(i).id())) {
                violations.add(new Problem.FieldViolation(requests.size() == 1 ? "id" : "belts[" + i + "].id",
                        "unique", "belt " + requests.get(i).id() + " is already provisioned"));
            }
        }
        return new ProblemException(409, "Conflict", taken.size() + " belt(s) already provisioned; nothing was provisioned",
                violations, null);
    }

    /**
     * Fails with a 409 naming each belt whose wearer the clinic erased; holds the wearers' locks until the
     * transaction ends, so an erasure of one of them waits for it (and then removes what it wrote).
     */
    private Uni<Void> refuseErased(String clinicId, List<ProvisionBeltRequest> requests) {
        return erased.among(clinicId, requests.stream().map(ProvisionBeltRequest::wearerId).toList())
                .invoke(gone -> {
                    if (!gone.isEmpty()) {
                        throw erasedWearers(requests, gone);
                    }
                })
                .replaceWithVoid();
    }

    /** As {@link #refuseErased(String, List)} for one wearer (null: none). */
    private Uni<Void> refuseErased(String clinicId, String wearerId) {
        return erased.among(clinicId, wearerId == null ? List.of() : List.of(wearerId))
                .invoke(gone -> {
                    if (!gone.isEmpty()) {
                        throw erasedWearer("wearerId", wearerId);
                    }
                })
                .replaceWithVoid();
    }

    private static ProblemException erasedWearers(List<ProvisionBeltRequest> requests, Set<String> gone) {
        if (requests.size() == 1) {
            return erasedWearer("wearerId", requests.get(0).wearerId());
        }
        List<Problem.FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (gone.contains(requests.get(i).wearerId())) {
                violations.add(erasedViolation("belts[" + i + "].wearerId", requests.get(i).wearerId()));
            }
        }
        return new ProblemException(409, "Conflict", violations.size()
                + " belt(s) name a wearer the clinic erased; nothing was provisioned", violations, null);
    }

    /** The wearer's data was erased at the clinic's request: nothing of them is recorded again. */
    private static ProblemException erasedWearer(String field, String wearerId) {
        return new ProblemException(409, "Conflict", "wearer " + wearerId
                + " was erased at the clinic's request; no belt can be assigned to them",
                List.of(erasedViolation(field, wearerId)), null);
    }

    private static Problem.FieldViolation erasedViolation(String field, String wearerId) {
        return new Problem.FieldViolation(field, "erased", "wearer " + wearerId + " was erased");
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && UNIQUE_VIOLATION.equals(c.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** PostgreSQL keeps microseconds; truncating here makes what we answer equal what we stored. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
