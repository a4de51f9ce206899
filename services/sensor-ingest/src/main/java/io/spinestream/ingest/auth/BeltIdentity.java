package io.spinestream.ingest.auth;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a belt's security identity carries: principal = belt id, role {@code belt}, the clinic in
 * {@link io.spinestream.platform.auth.Caller#CLINIC_ATTRIBUTE} (so {@code Caller} serves belts and
 * people alike), and the key id of the credential it used.
 */
public final class BeltIdentity {

    /** Identity attribute: key id of the credential the belt authenticated with. */
    public static final String CREDENTIAL_KEY_ATTRIBUTE = "spinestream.belt.credential-key";

    private BeltIdentity() {
    }

    /** The credential key id of a belt identity; null for people. */
    public static String credentialKeyOf(SecurityIdentity identity) {
        return identity.getAttribute(CREDENTIAL_KEY_ATTRIBUTE);
    }
}
