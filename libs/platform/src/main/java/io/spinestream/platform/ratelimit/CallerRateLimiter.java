package io.spinestream.platform.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import io.spinestream.platform.auth.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Counts each authenticated caller's requests against its limit ({@link RateLimitConfig}): a
 * person per token, a belt per belt. Anonymous requests are not counted here: they reach nothing
 * but the public probes, and a refused token is refused before it could cost anything more.
 */
@ApplicationScoped
public class CallerRateLimiter {

    /** What is counted: a person's token, or a belt. */
    public enum Kind {
        TOKEN, BELT
    }

    /** A request over its caller's limit: retry after {@code retryAfter}. */
    public record Throttled(Kind kind, Duration retryAfter, String detail) {
    }

    private final RateLimitConfig config;
    private final TokenBuckets tokens;
    private final TokenBuckets belts;

    @Inject
    public CallerRateLimiter(RateLimitConfig config) {
        this(config, System::nanoTime);
    }

    CallerRateLimiter(RateLimitConfig config, LongSupplier nanoTime) {
        this.config = config;
        this.tokens = buckets("token", config.token().requestsPerSecond(), config.token().burst(), config, nanoTime);
        this.belts = buckets("belt", config.belt().requestsPerSecond(), config.belt().burst(), config, nanoTime);
    }

    private static TokenBuckets buckets(String kind, double rate, int burst, RateLimitConfig config,
                                        LongSupplier nanoTime) {
        if (!(rate > 0) || burst < 1 || config.maxTracked() < 1) {
            throw new IllegalArgumentException("spinestream.rate-limit." + kind + ".requests-per-second must be > 0, "
                    + "spinestream.rate-limit." + kind + ".burst and spinestream.rate-limit.max-tracked at least 1");
        }
        return new TokenBuckets(rate, burst, config.maxTracked(), nanoTime);
    }

    /** Takes one request of the caller's allowance: empty if it may go on. */
    public Optional<Throttled> tryAcquire(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String raw = jwt.getRawToken();
            if (raw == null) {
                return Optional.empty();
            }
            return tokens.tryTake(tokenKey(raw)).map(wait -> new Throttled(Kind.TOKEN, wait,
                    "too many requests with this token: at most " + number(config.token().requestsPerSecond())
                            + " per second (" + config.token().burst() + " at once)"));
        }
        // Only a belt's own credential makes a caller a belt (ClinicClaimAugmentor strips the role from tokens).
        if (identity.hasRole(Roles.BELT)) {
            String beltId = identity.getPrincipal().getName();
            return belts.tryTake(beltId).map(wait -> new Throttled(Kind.BELT, wait,
                    "too many requests of belt " + beltId + ": at most " + number(config.belt().requestsPerSecond())
                            + " per second (" + config.belt().burst() + " at once)"));
        }
        return Optional.empty();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * The key of a token: 128 bits of its SHA-256, so that no token is kept in memory and every
     * token, with or without a {@code jti}, is a caller of its own.
     */
    static String tokenKey(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
