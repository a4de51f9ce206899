package io.spinestream.launcher;

import java.io.IOException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Signs local access tokens (RS256) as the services expect them. */
public final class TokenIssuer {

    private final JwtKeys keys;
    private final String issuer;

    public TokenIssuer(JwtKeys keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /**
     * @param role    one of {@link LocalPlatform#ROLES}; becomes the single entry of {@code groups}
     * @param clinic  the tenant, custom claim {@code clinic}
     * @param subject {@code sub} and {@code upn}; {@code local-<role>} when null
     * @param ttl     lifetime, from now
     */
    public String issue(String role, String clinic, String subject, Duration ttl, Instant now) throws IOException {
        if (!LocalPlatform.ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; one of " + String.join(", ", LocalPlatform.ROLES));
        }
        if (clinic == null || clinic.isBlank()) {
            throw new IllegalArgumentException("a clinic id is required");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the ttl must be positive");
        }
        String sub = subject == null || subject.isBlank() ? "local-" + role : subject;
        keys.ensure();
        PrivateKey key = keys.privateKey();
        long iat = now.getEpochSecond();
        return Jwt.issuer(issuer)
                .subject(sub)
                .upn(sub)
                .groups(Set.of(role))
                .claim("clinic", clinic)
                .issuedAt(iat)
                .expiresAt(iat + ttl.toSeconds())
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(key);
    }
}
