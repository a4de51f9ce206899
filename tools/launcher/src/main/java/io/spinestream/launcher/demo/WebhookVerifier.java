package io.spinestream.launcher.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a webhook delivery exactly as docs/webhooks.md tells integrators to (Standard Webhooks,
 * signature scheme v1): HMAC-SHA256, keyed with the base64-decoded secret after {@code whsec_},
 * over {@code webhook-id + "." + webhook-timestamp + "." + body} (the raw bytes); any one of the
 * space-separated {@code v1,<base64>} signatures may match, compared in constant time; a timestamp
 * more than 5 minutes from this clock is refused.
 */
final class WebhookVerifier {

    /** Why a delivery was refused, or that it was not. */
    enum Verdict {
        AUTHENTIC, MISSING_HEADERS, STALE_TIMESTAMP, BAD_SIGNATURE
    }

    static final long TOLERANCE_SECONDS = 5 * 60;

    private final byte[] key;
    private final Clock clock;

    WebhookVerifier(String secret, Clock clock) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
        this.clock = clock;
    }

    Verdict verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
        if (webhookId == null || webhookTimestamp == null || webhookSignature == null || body == null) {
            return Verdict.MISSING_HEADERS;
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(webhookTimestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.STALE_TIMESTAMP;
        }
        if (Math.abs(clock.instant().getEpochSecond() - sentAt) > TOLERANCE_SECONDS) {
            return Verdict.STALE_TIMESTAMP;
        }
        byte[] expected = hmac(webhookId + "." + webhookTimestamp + ".", body);
        for (String signature : webhookSignature.split(" ")) {
            if (!signature.startsWith("v1,")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature.substring("v1,".length()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return Verdict.AUTHENTIC;
            }
        }
        return Verdict.BAD_SIGNATURE;
    }

    private byte[] hmac(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
