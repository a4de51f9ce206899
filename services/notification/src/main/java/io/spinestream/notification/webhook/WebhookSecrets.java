package io.spinestream.notification.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/** Endpoint signing secrets in the Standard Webhooks form: {@code whsec_} + base64 of the key. */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    // The specification asks for 24 to 64 bytes of key.
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a {@code whsec_…} secret. */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
