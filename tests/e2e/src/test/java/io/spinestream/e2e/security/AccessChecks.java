package io.spinestream.e2e.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The callers each operation is tried with, and what each must get (security.md and the service's page):
 * forged or missing credentials 401; each role the row does not admit 403; another wearer 404 on a
 * wearer's data; another belt 403 on a belt's channel (ingest.md); clinic B, with every role the row
 * admits, what an absent resource gets; and last each admitted caller of clinic A its 2xx.
 *
 * <p>Refusals come first so that they meet the shared target as the fixture made it; admitted calls change it.
 */
final class AccessChecks {

    private AccessChecks() {
    }

    static List<Check> of(Operation op, AccessFixture f) {
        ForgedCredentials forged = f.forged;
        List<Check> checks = new ArrayList<>();
        Role typical = op.roles().stream().filter(Role::isPerson).findFirst().orElse(Role.CLINICIAN);
        for (Map.Entry<String, String> bad : forged.of(typical.claim, f.a.id(),
                typical == Role.OWN_WEARER ? f.wearer.id() : null).entrySet()) {
            checks.add(new Check(op, bad.getKey(), bad.getValue(), Expected.unauthorized(), false));
        }

        for (Role role : Role.values()) {
            if (op.roles().contains(role)) {
                continue;
            }
            if (role == Role.OWN_BELT) {
                // to a service that authenticates no belt, a belt credential is no valid token at all
                checks.add(new Check(op, "the wearer's belt (its own credential)", f.belt.credential(),
                        op.service.authenticatesBelts() ? Expected.forbidden() : Expected.unauthorized(), false));
            } else {
                checks.add(new Check(op, nameInA(role), f.tokenOfA(role), Expected.forbidden(), false));
            }
        }

        List<String> clinicAItems = new ArrayList<>(List.of(f.a.id()));
        if (op.item(f) != null) {
            clinicAItems.add(op.item(f));
        }
        if (op.roles().contains(Role.OWN_WEARER)) {
            checks.add(new Check(op, "another wearer of clinic A", f.tokenOfOtherWearer(), Expected.notFound(List.of()), false));
        }
        if (op.roles().contains(Role.OWN_BELT)) {
            checks.add(new Check(op, "another belt of clinic A", f.sibling.credential(), Expected.forbidden(), false));
            checks.add(new Check(op, "a belt of clinic B", f.foreignBelt.credential(), Expected.forbidden(), false));
            checks.add(new Check(op, "a person's token claiming role belt as the belt", forged.personClaimingBelt(
                    f.uploader.id(), f.a.id()), Expected.forbidden(), false));
            checks.add(new Check(op, "a person's token of clinic B claiming role belt as the belt",
                    forged.personClaimingBelt(f.uploader.id(), f.b.id()), Expected.forbidden(), false));
        }
        if (op.scope() != Scope.CREATES) {
            for (Role role : op.roles()) {
                if (!role.isPerson()) {
                    continue;
                }
                Expected expected = switch (op.scope()) {
                    case RESOURCE -> Expected.notFound(clinicAItems);
                    case CLINIC_ITEMS -> Expected.nothingOf(clinicAItems);
                    case WEARER_DATA -> Expected.absentOrNothingOf(clinicAItems);
                    case CREATES -> throw new IllegalStateException("unreachable");
                };
                String token = f.tokenOfB(role);
                checks.add(role == Role.OWN_WEARER
                        ? new Check(op, nameInB(role), token, expected, false, null, twin -> twin.twinOf(f.wearer.id())
                                .map(f::tokenOfBClaiming).orElse(token))
                        : new Check(op, nameInB(role), token, expected, false));
            }
        }

        for (Operation.Crossing crossing : op.crossings()) {
            checks.add(new Check(op, crossing.caller(), crossing.credential().apply(f), Expected.notFoundMixed(clinicAItems),
                    false, crossing.request()));
        }

        for (Role role : op.roles()) {
            String credential = role == Role.OWN_BELT ? f.uploader.credential() : f.tokenOfA(role);
            checks.add(new Check(op, role == Role.OWN_BELT ? "the belt itself" : nameInA(role), credential,
                    Expected.admitted(op.success(), op.item(f)), true));
        }
        return checks;
    }

    private static String nameInA(Role role) {
        return role == Role.OWN_WEARER ? "the wearer themself" : role.claim + " of clinic A";
    }

    private static String nameInB(Role role) {
        return role == Role.OWN_WEARER ? "a wearer of clinic B with the wearer's id as subject" : role.claim + " of clinic B";
    }
}
