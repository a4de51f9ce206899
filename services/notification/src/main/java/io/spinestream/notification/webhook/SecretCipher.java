package io.spinestream.notification.webhook;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Encrypts secrets that must stay readable (webhook signing secrets) for storage: AES-256-GCM
 * with a random 96-bit nonce per value and the owner's id as associated data, so a ciphertext
 * copied to another row does not decrypt. Each value is stored with the id of the key that sealed
 * it: several keys may be readable while one, the active key, seals new values (key rotation).
 * The stored bytes are {@code nonce || ciphertext || tag}.
 */
public final class SecretCipher {

    /** A sealed value as stored: the key that sealed it and {@code nonce || ciphertext || tag}. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    /** A sealed value that cannot be opened: its key is not configured, or it fails authentication. */
    public static final class UnreadableSecretException extends RuntimeException {
        public UnreadableSecretException(String message) {
            super(message);
        }
    }

    public static final int KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    /**
     * @param keys        readable keys by id, each 32 bytes
     * @param activeKeyId the key that seals new values; one of {@code keys}
     */
    public SecretCipher(Map<String, byte[]> keys, String activeKeyId) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key");
        }
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key id '" + id + "' must match " + KEY_ID.pattern());
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key '" + id + "' has " + key.length + " bytes; AES-256 needs "
                        + KEY_BYTES);
            }
            specs.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!specs.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key '" + activeKeyId + "' is not among the keys "
                    + specs.keySet());
        }
        this.keys = Collections.unmodifiableMap(specs);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Reads keys written as {@code id:base64} (standard or URL-safe base64 of 32 random bytes, e.g.
     * {@code openssl rand -base64 32}); the active key is {@code active} if given, else the first.
     * Messages name ids, never key material.
     *
     * @throws IllegalArgumentException what is wrong with the entries
     */
    public static SecretCipher parse(List<String> entries, Optional<String> active) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a key must be written as <id>:<base64 of 32 bytes>");
            }
            String id = entry.substring(0, colon);
            byte[] key = decode(id, entry.substring(colon + 1).trim());
            if (keys.put(id, key) != null) {
                throw new IllegalArgumentException("key id '" + id + "' is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key is given");
        }
        String activeId = active.map(String::trim).filter(a -> !a.isEmpty()).orElse(keys.keySet().iterator().next());
        return new SecretCipher(keys, activeId);
    }

    private static byte[] decode(String id, String encoded) {
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException standard) {
            try {
                return Base64.getUrlDecoder().decode(encoded);
            } catch (IllegalArgumentException urlSafe) {
                throw new IllegalArgumentException("key '" + id + "' is not base64");
            }
        }
    }

    /** A new random key in the form {@link #parse} reads, without its id: base64 of 32 bytes. */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** Seals {@code plaintext} with the active key, bound to {@code owner} (e.g. the endpoint id). */
    public Sealed seal(String plaintext, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return new Sealed(activeKeyId, stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * Opens a value sealed for {@code owner}.
     *
     * @throws UnreadableSecretException if its key is not configured, or it was altered, sealed with
     *                                   other key material under that id, or sealed for another owner
     */
    public String open(Sealed sealed, String owner) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new UnreadableSecretException("sealed with key '" + sealed.keyId() + "', which is not configured");
        }
        byte[] stored = sealed.ciphertext();
        if (stored == null || stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException("too short to be a sealed value");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException("does not authenticate with key '" + sealed.keyId()
                    + "' (altered, another key under that id, or sealed for another owner)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }
}
