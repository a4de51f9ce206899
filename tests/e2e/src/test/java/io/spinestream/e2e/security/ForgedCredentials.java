package io.spinestream.e2e.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.spinestream.launcher.JwtKeys;
import io.spinestream.launcher.LocalPlatform;

/**
 * Bearer values no service may accept (security.md: "no token or an invalid one → 401"). Each token is
 * otherwise what an admitted caller would send (its role and clinic), so a 401 is about the token alone.
 */
final class ForgedCredentials {

    private static final String FOREIGN_ISSUER = "https://issuer.invalid";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Signs only to have the builder encode claims whose signature is then replaced. */
    private static final PrivateKey KEY_FOR_PAYLOAD = newRsaKey();

    private final PrivateKey platformKey;
    private final PrivateKey foreignKey;
    private final byte[] platformPublicPem;

    ForgedCredentials(JwtKeys keys) {
        try {
            this.platformKey = keys.privateKey();
            this.platformPublicPem = Files.readAllBytes(keys.publicKeyFile());
            this.foreignKey = newRsaKey();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Caller name → bearer value (null: no Authorization header), for a token of {@code role} in {@code clinic}. */
    Map<String, String> of(String role, String clinic, String subject) {
        Instant now = Instant.now();
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("no token", null);
        forged.put("a malformed token", "not-a-jwt");
        forged.put("a token with a tampered signature",
                tamper(sign(claims(role, clinic, subject, LocalPlatform.JWT_ISSUER, now, Duration.ofHours(1)), platformKey)));
        forged.put("an expired token", sign(claims(role, clinic, subject, LocalPlatform.JWT_ISSUER,
                now.minus(Duration.ofHours(3)), Duration.ofHours(1)), platformKey));
        forged.put("a token of another issuer",
                sign(claims(role, clinic, subject, FOREIGN_ISSUER, now, Duration.ofHours(1)), platformKey));
        forged.put("a token signed by another key",
                sign(claims(role, clinic, subject, LocalPlatform.JWT_ISSUER, now, Duration.ofHours(1)), foreignKey));
        forged.put("a token without a clinic",
                sign(claims(role, null, subject, LocalPlatform.JWT_ISSUER, now, Duration.ofHours(1)), platformKey));
        forged.put("an unsigned token (alg none)", unsigned(claims(role, clinic, subject, LocalPlatform.JWT_ISSUER, now,
                Duration.ofHours(1))));
        forged.put("a token signed with HS256 keyed by the platform's public key",
                hmacWithPublicKey(claims(role, clinic, subject, LocalPlatform.JWT_ISSUER, now, Duration.ofHours(1))));
        forged.put("an unknown belt credential", unknownBeltCredential());
        return forged;
    }

    /**
     * A person's token, signed by the platform's issuer, that claims the role only a belt credential gives
     * ({@code belt}) with the belt's id as subject: the issuer vouches for a person, never for a belt.
     */
    String personClaimingBelt(String beltId, String clinic) {
        return sign(claims(Role.OWN_BELT.claim, clinic, beltId, LocalPlatform.JWT_ISSUER, Instant.now(), Duration.ofHours(1)),
                platformKey);
    }

    /**
     * A token of the platform's issuer whose {@code clinic} is clinic A's id in double quotes: another string,
     * so another tenant (at most a clinic of that odd name), never clinic A.
     */
    String clinicInQuotes(String role, String clinic) {
        return sign(claims(role, "\"" + clinic + "\"", null, LocalPlatform.JWT_ISSUER, Instant.now(), Duration.ofHours(1)),
                platformKey);
    }

    private static JwtClaimsBuilder claims(String role, String clinic, String subject, String issuer, Instant issuedAt,
                                           Duration ttl) {
        String sub = subject == null ? "local-" + role : subject;
        JwtClaimsBuilder claims = Jwt.issuer(issuer).subject(sub).upn(sub).groups(Set.of(role))
                .issuedAt(issuedAt.getEpochSecond()).expiresAt(issuedAt.plus(ttl).getEpochSecond());
        return clinic == null ? claims : claims.claim("clinic", clinic);
    }

    private static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }

    /** The claims with {@code "alg": "none"} and no signature. */
    private static String unsigned(JwtClaimsBuilder claims) {
        String payload = payloadOf(claims.jws().algorithm(SignatureAlgorithm.RS256).sign(KEY_FOR_PAYLOAD));
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    /** The claims signed with HMAC-SHA256 keyed by the PEM of the public key (the algorithm-confusion attack). */
    private String hmacWithPublicKey(JwtClaimsBuilder claims) {
        String payload = payloadOf(claims.jws().algorithm(SignatureAlgorithm.RS256).sign(KEY_FOR_PAYLOAD));
        String signingInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(platformPublicPem, "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String payloadOf(String jwt) {
        return jwt.split("\\.")[1];
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same token with one character in the middle of its signature changed (all six bits count there). */
    private static String tamper(String jwt) {
        int at = jwt.lastIndexOf('.') + 20;
        char c = jwt.charAt(at);
        return jwt.substring(0, at) + (c == 'A' ? 'B' : 'A') + jwt.substring(at + 1);
    }

    /** The format of ingest.md ({@code ssb_}, a 96-bit key id, a 256-bit secret), of no belt. */
    private static String unknownBeltCredential() {
        return "ssb_" + random(12) + "." + random(32);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
