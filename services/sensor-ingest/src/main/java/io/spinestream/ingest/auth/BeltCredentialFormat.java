package io.spinestream.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The belt credential: {@code ssb_<key id>.<secret>}, e.g.
 * {@code ssb_q3VJb1xW0mAe7LkR.4fQ…} (64 characters). The prefix tells it apart from a JWT on the
 * same {@code Authorization: Bearer} header (a JWT starts with {@code eyJ}); the key id (96 random
 * bits) finds the stored hash without scanning; the secret carries 256 random bits.
 *
 * <p>Only a SHA-256 of the whole credential is stored. A slow password hash would add nothing: the
 * secret is random, not chosen by a person, so there is nothing to guess, and a fast hash keeps
 * the per-request check cheap. Hashes are compared in constant time.
 */
public final class BeltCredentialFormat {

    /** Every belt credential starts with this. */
    public static final String PREFIX = "ssb_";

    private static final int KEY_ID_BYTES = 12;
    private static final int SECRET_BYTES = 32;
    private static final int KEY_ID_CHARS = 16;
    private static final int SECRET_CHARS = 43;
    static final int LENGTH = PREFIX.length() + KEY_ID_CHARS + 1 + SECRET_CHARS;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of();

    private BeltCredentialFormat() {
    }

    /** A fresh credential: the token to show once, its key id, and the hash to store. */
    public record Issued(String keyId, String token, String secretHash) {
        @Override
        public String toString() {
            // Never let the token reach a log line by accident.
            return "Issued[keyId=" + keyId + "]";
        }
    }

    public static Issued issue(SecureRandom random) {
        byte[] keyId = new byte[KEY_ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(keyId);
        random.nextBytes(secret);
        String id = ENCODER.encodeToString(keyId);
        String token = PREFIX + id + "." + ENCODER.encodeToString(secret);
        return new Issued(id, token, hash(token));
    }

    /** Whether a bearer token is meant as a belt credential (rather than a JWT). */
    public static boolean isBeltCredential(String bearer) {
        return bearer != null && bearer.startsWith(PREFIX);
    }

    /** The key id of a well-formed credential; empty for anything else. */
    public static Optional<String> keyIdOf(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)
                || token.charAt(PREFIX.length() + KEY_ID_CHARS) != '.') {
            return Optional.empty();
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (i != PREFIX.length() + KEY_ID_CHARS && !isBase64Url(token.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(token.substring(PREFIX.length(), PREFIX.length() + KEY_ID_CHARS));
    }

    /** Hex SHA-256 of the whole credential, as stored. */
    public static String hash(String token) {
        return HEX.formatHex(sha256(token));
    }

    /** Whether {@code token} is the credential whose hash is {@code storedHash}, compared in constant time. */
    public static boolean matches(String token, String storedHash) {
        byte[] expected;
        try {
            expected = HEX.parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token), expected);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
