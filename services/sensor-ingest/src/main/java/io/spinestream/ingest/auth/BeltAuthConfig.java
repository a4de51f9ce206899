package io.spinestream.ingest.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How belts are authenticated. */
@ConfigMapping(prefix = "spinestream.ingest.auth")
public interface BeltAuthConfig {

    /** The credentials this instance has verified against the database, trusted for a while. */
    CredentialCache credentialCache();

    interface CredentialCache {

        /**
         * How long a verified credential is trusted without reading the database again. Rotating or
         * retiring on this instance ends the trust at once; a credential rotated or retired through
         * another instance is refused here at the latest this long after (each instance learns only
         * from the database). {@code 0s} reads the database on every request.
         */
        @WithDefault("5s")
        Duration ttl();

        /** At most this many verified credentials are kept; beyond it, the least used are read again. */
        @WithDefault("100000")
        long maxSize();
    }
}
