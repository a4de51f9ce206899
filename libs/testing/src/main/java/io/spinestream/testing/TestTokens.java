package io.spinestream.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

/**
 * Signed people tokens for tests, verified by every service under test through the test key pair
 * configured in this module's {@code META-INF/microprofile-config.properties}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://spinestream.test";
    private static final PrivateKey KEY = loadKey();

    private final String clinic;
    private String role = "clinician";
    private String subject;
    private String issuer = ISSUER;
    private Duration ttl = Duration.ofMinutes(30);
    private boolean withClinic = true;

    private TestTokens(String clinic) {
        this.clinic = clinic;
    }

    /** A token scoped to {@code clinic}; defaults to role clinician. */
    public static TestTokens forClinic(String clinic) {
        return new TestTokens(clinic);
    }

    /** Shortcut: {@code Bearer …} header value for a role in a clinic. */
    public static String bearer(String role, String clinic) {
        return "Bearer " + forClinic(clinic).role(role).sign();
    }

    public TestTokens role(String role) {
        this.role = role;
        return this;
    }

    public TestTokens subject(String subject) {
        this.subject = subject;
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens expiresIn(Duration ttl) {
        this.ttl = ttl;
        return this;
    }

    /** Leaves out the clinic claim, for the test that such a token is refused. */
    public TestTokens withoutClinic() {
        this.withClinic = false;
        return this;
    }

    public String sign() {
        String sub = subject != null ? subject : role + "-of-" + clinic;
        long now = System.currentTimeMillis() / 1000;
        var builder = Jwt.issuer(issuer)
                .subject(sub)
                .upn(sub)
                .groups(Set.of(role))
                .issuedAt(now)
                .expiresAt(now + ttl.toSeconds());
        if (withClinic) {
            builder.claim("clinic", clinic);
        }
        return builder.jws().keyId("spinestream-test").sign(KEY);
    }

    private static PrivateKey loadKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/META-INF/spinestream-test/jwt-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("test signing key missing from libs/testing");
            }
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("test signing key unreadable", e);
        }
    }
}
