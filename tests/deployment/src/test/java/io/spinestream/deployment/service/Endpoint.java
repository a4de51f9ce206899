package io.spinestream.deployment.service;

/** A network dependency of a service, as its configuration resolves in a deployment. */
public record Endpoint(Kind kind, String host, int port, String property) {

    public enum Kind {
        KAFKA, POSTGRESQL, MONGODB,
        /** The identity provider's key set, when the JWT public key is a URL. */
        JWKS
    }
}
