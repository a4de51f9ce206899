package io.spinestream.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery (Standard Webhooks): retries, HTTP limits, dispatch, digests, allowed targets. */
@ConfigMapping(prefix = "spinestream.notification.webhooks")
public interface WebhookConfig {

    Retry retry();

    Http http();

    Dispatcher dispatcher();

    Secrets secrets();

    Digest digest();

    Targets targets();

    /**
     * An endpoint whose attempts have all failed for this long (no success in between) is
     * disabled, and the clinic is told by an alert.
     */
    @WithDefault("5d")
    Duration disableAfter();

    interface Retry {
        /**
         * Pause after each failed attempt, in order; one attempt more than pauses is made, then the
         * delivery is dead-lettered. The default spreads eleven attempts over about three days,
         * roughly doubling, so a receiver that is down for a weekend still gets everything.
         */
        @WithDefault("5s,30s,2m,10m,30m,1h,3h,6h,12h,24h,24h")
        List<Duration> schedule();

        /** Each pause varies by up to this fraction either way, so retries of many deliveries spread out. */
        @WithDefault("0.2")
        double jitter();

        /** Longest {@code Retry-After} (on 429 and 503) that is honoured; a longer one is capped to this. */
        @WithDefault("1d")
        Duration maxRetryAfter();
    }

    interface Http {
        /** Time to establish the connection (TCP and TLS). */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time for the whole exchange after connecting: request sent, response head and body received. */
        @WithDefault("15s")
        Duration responseTimeout();

        /** Connections kept per receiver address. */
        @WithDefault("8")
        int poolSizePerTarget();
    }

    interface Dispatcher {
        /**
         * Whether this instance dispatches deliveries. Instances that only serve the API or route
         * haptics may switch it off; at least one instance must dispatch.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often due deliveries are looked for (retries, and work left by another instance).
         * New deliveries do not wait for it: the transaction that stores them claims them for this
         * instance, which attempts them once it committed (or wakes the dispatcher for any beyond
         * its free capacity).
         */
        @WithDefault("1s")
        String pollInterval();

        /** Deliveries claimed per pass. */
        @WithDefault("50")
        int batchSize();

        /** Attempts in flight at once on this instance. */
        @WithDefault("64")
        int maxInFlight();

        /**
         * How long a claimed delivery belongs to the instance that claimed it. An instance that
         * dies mid-attempt leaves the delivery to another instance after this; it must exceed the
         * connect and response timeouts together.
         */
        @WithDefault("1m")
        Duration lease();
    }

    /**
     * How long finished deliveries (succeeded, dead-lettered) stay in the log, replayable, before
     * they are deleted with their payload and attempts.
     */
    @WithDefault("30d")
    Duration logRetention();

    /** Most deliveries one replay of a time range may create; a wider range is refused (400). */
    @WithDefault("10000")
    int maxReplay();

    interface Secrets {
        /** Overlap of a rotation when the request names none: both signatures are sent meanwhile. */
        @WithDefault("24h")
        Duration defaultRotationOverlap();

        /** Longest overlap a rotation may ask for. */
        @WithDefault("7d")
        Duration maxRotationOverlap();

        /**
         * The keys that encrypt signing secrets at rest (AES-256-GCM), comma-separated, each
         * {@code <id>:<base64 of 32 random bytes>} ({@code openssl rand -base64 32}). Every listed key
         * can decrypt; new values are encrypted with {@link #activeEncryptionKey()}. No default: the
         * service refuses to start without one. In production it comes from a Secret
         * ({@code SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS}).
         */
        Optional<List<String>> encryptionKeys();

        /**
         * The id of the key that encrypts new values; absent = the first of
         * {@link #encryptionKeys()}. Stored values under another key are re-encrypted with it at
         * start and by {@link #reencryptionInterval()}.
         */
        Optional<String> activeEncryptionKey();

        /**
         * How often stored secrets are checked and re-encrypted with the active key (rows a
         * previous release or another instance wrote under an older key, or in plaintext); expired
         * rotation secrets are deleted on the way.
         */
        @WithDefault("10m")
        Duration reencryptionInterval();
    }

    interface Digest {
        /** How long a digest collects an endpoint's form faults of one session, when the endpoint names none. */
        @WithDefault("5m")
        Duration defaultWindow();

        /** Shortest window an endpoint may ask for. */
        @WithDefault("1s")
        Duration minWindow();

        /** Longest window an endpoint may ask for. */
        @WithDefault("1h")
        Duration maxWindow();

        /** A digest goes out early once it holds this many alerts. */
        @WithDefault("100")
        int maxAlerts();
    }

    interface Targets {
        /**
         * Allow loopback receivers (127.0.0.0/8, ::1). Off in production: a webhook URL must not
         * reach the service's own host.
         */
        @WithDefault("false")
        boolean allowLoopback();

        /** Allow private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). */
        @WithDefault("false")
        boolean allowPrivate();

        /** Allow link-local addresses (169.254/16, fe80::/10), where cloud metadata services live. */
        @WithDefault("false")
        boolean allowLinkLocal();

        /** Allow plain {@code http://} URLs; otherwise only {@code https://}. */
        @WithDefault("false")
        boolean allowHttp();
    }
}
