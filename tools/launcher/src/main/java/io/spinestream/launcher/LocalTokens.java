package io.spinestream.launcher;

import io.spinestream.simulator.provision.TokenSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens of one clinic signed with the local platform's key, one per role, for the launcher's own
 * calls to the services (the demo, {@code simulate}). Each is kept while it has an hour to live.
 */
public final class LocalTokens implements TokenSource {

    private static final Duration TTL = Duration.ofHours(8);
    private static final Duration RENEW_BEFORE = Duration.ofHours(1);

    private record Issued(String token, Instant expires) {
    }

    private final TokenIssuer issuer;
    private final String clinic;
    private final String subject;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    public LocalTokens(JwtKeys keys, String clinic, String subject) {
        this.issuer = new TokenIssuer(keys, LocalPlatform.JWT_ISSUER);
        this.clinic = clinic;
        this.subject = subject;
    }

    @Override
    public String token(String role) {
        Instant now = Instant.now();
        return issued.compute(role, (r, old) -> {
            if (old != null && old.expires().minus(RENEW_BEFORE).isAfter(now)) {
                return old;
            }
            try {
                return new Issued(issuer.issue(r, clinic, subject, TTL, now), now.plus(TTL));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sign a token with " + JwtKeys.class.getSimpleName(), e);
            }
        }).token();
    }
}
