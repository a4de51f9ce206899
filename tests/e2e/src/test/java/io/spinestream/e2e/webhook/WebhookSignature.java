package io.spinestream.e2e.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a delivery as docs/webhooks.md tells integrators to (Standard Webhooks, scheme v1):
 * HMAC-SHA256 keyed with the base64 part of {@code whsec_…} over {@code id.timestamp.body}, any of the
 * space-separated {@code v1,<base64>} signatures, and a timestamp within 5 minutes of our clock.
 * Written from the documentation, not from the service's code, so it checks what integrators rely on.
 */
public final class WebhookSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** Whether the delivery is authentic and fresh. */
    public static boolean verify(String secret, String webhookId, String webhookTimestamp, String webhookSignature,
                                 byte[] body, Instant now) {
        if (secret == null || webhookId == null || webhookTimestamp == null || webhookSignature == null || body == null) {
            return false;
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(webhookTimestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(key(secret), (webhookId + "." + webhookTimestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String signature : webhookSignature.split(" ")) {
            if (!signature.startsWith("v1,")) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            } catch (IllegalArgumentException notBase64) {
                // a malformed signature is simply not a match
            }
        }
        return false;
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
