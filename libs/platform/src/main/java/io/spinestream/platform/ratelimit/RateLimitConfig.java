package io.spinestream.platform.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-caller request limits of every service (docs/security.md, "Secure defaults"). Counted per
 * service instance, in memory: behind a load balancer spreading a caller over N instances it gets
 * up to N times the rate, which still stops a runaway client without a shared store on every
 * request. A request over the limit answers 429 problem+json with {@code Retry-After}.
 */
@ConfigMapping(prefix = "spinestream.rate-limit")
public interface RateLimitConfig {

    /** Whether callers are limited at all. Turn off only where a gateway in front limits per token already. */
    @WithDefault("true")
    boolean enabled();

    /** Requests authenticated with a person's token (a JWT), per token: a hash of the token is the key. */
    Token token();

    /** Requests authenticated with a belt's credential, per belt, on every endpoint it calls. */
    Belt belt();

    /**
     * How many tokens, and how many belts, one instance keeps a count for at most (about 200 bytes
     * each). Counts that are back at their full burst are forgotten every minute; beyond this many,
     * the longest idle are forgotten too and start again with a full burst.
     */
    @WithDefault("50000")
    int maxTracked();

    interface Token {
        /**
         * Sustained requests per second one token may make. A clinic's staff UI makes a few per
         * page, an integration paging through lists a few dozen; a loop with no pause makes
         * hundreds.
         */
        @WithDefault("50")
        double requestsPerSecond();

        /**
         * Requests one token may make at once, above the sustained rate: e.g. enrolling a
         * thousand wearers one request after the other (the belt simulator does).
         */
        @WithDefault("1000")
        int burst();
    }

    interface Belt {
        /**
         * Sustained requests per second one belt may make, uploads and command-stream connects
         * together. Uploads have their own, lower limit in sensor-ingest
         * ({@code spinestream.ingest.telemetry.rate-limit.*}, 10 batches per second by default).
         */
        @WithDefault("20")
        double requestsPerSecond();

        /** Requests one belt may make at once, e.g. a phone relaying what it buffered offline. */
        @WithDefault("100")
        int burst();
    }
}
