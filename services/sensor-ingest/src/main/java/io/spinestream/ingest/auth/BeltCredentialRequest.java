package io.spinestream.ingest.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request authenticated by a belt credential, handed from the mechanism to the identity provider. */
public final class BeltCredentialRequest extends BaseAuthenticationRequest {

    private final String token;

    public BeltCredentialRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    @Override
    public String toString() {
        return "BeltCredentialRequest";
    }
}
