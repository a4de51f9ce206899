package io.spinestream.notification.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures: {@code v1,} + base64 of HMAC-SHA256 over
 * {@code webhook-id + "." + webhook-timestamp + "." + body}. Several signatures (during a secret
 * rotation) are separated by spaces; a receiver accepts the message if any of them verifies.
 */
public final class WebhookSigner {

    private static final String HMAC = "HmacSHA256";

    private WebhookSigner() {
    }

    public static String sign(byte[] key, String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            byte[] signed = (webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The {@code webhook-signature} header value: one signature per secret, space-separated. */
    public static String header(List<String> secrets, String webhookId, long timestampSeconds, String body) {
        return secrets.stream()
                .map(secret -> sign(WebhookSecrets.key(secret), webhookId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }
}
