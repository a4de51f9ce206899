package io.spinestream.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The signing secrets of endpoints, encrypted at rest with {@link SecretCipher} and bound to the
 * endpoint's id. The plaintext exists only in memory: when issued (to be shown once) and when a
 * delivery is signed.
 */
@ApplicationScoped
public class EndpointSecrets {

    static final String KEYS_PROPERTY = "spinestream.notification.webhooks.secrets.encryption-keys";
    static final String KEYS_ENV = "SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS";

    private final SecretCipher cipher;

    @Inject
    public EndpointSecrets(WebhookConfig config) {
        this(cipherFrom(config.secrets()));
    }

    EndpointSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * The cipher the configuration describes.
     *
     * @throws IllegalStateException naming the setting and what is wrong with it (never key material)
     */
    static SecretCipher cipherFrom(WebhookConfig.Secrets secrets) {
        List<String> keys = secrets.encryptionKeys().orElse(List.of());
        if (keys.stream().allMatch(String::isBlank)) {
            throw new IllegalStateException("No key to encrypt webhook signing secrets at rest: set " + KEYS_PROPERTY
                    + " (environment " + KEYS_ENV + ") to <id>:<base64 of 32 random bytes>, e.g. \"k1:$(openssl rand"
                    + " -base64 32)\", from a secret store; see docs/operations.md, 'Webhook secrets at rest'");
        }
        try {
            return SecretCipher.parse(keys, secrets.activeEncryptionKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid " + KEYS_PROPERTY + " (environment " + KEYS_ENV + "): "
                    + e.getMessage() + "; see docs/operations.md, 'Webhook secrets at rest'");
        }
    }

    public SecretCipher cipher() {
        return cipher;
    }

    /** Gives the endpoint (its id set) a new secret, encrypted; returns it to be shown this once. */
    public String issue(WebhookEndpoint endpoint) {
        String secret = WebhookSecrets.generate();
        SecretCipher.Sealed sealed = cipher.seal(secret, endpoint.id);
        endpoint.secretCiphertext = sealed.ciphertext();
        endpoint.secretKeyId = sealed.keyId();
        endpoint.legacySecret = null;
        return secret;
    }

    /**
     * Replaces the secret by a new one, returned to be shown this once. The old one keeps signing
     * until {@code previousExpires}; null retires it at once.
     */
    public String rotate(WebhookEndpoint endpoint, Instant previousExpires) {
        if (previousExpires == null) {
            endpoint.previousSecretCiphertext = null;
            endpoint.previousSecretKeyId = null;
        } else if (endpoint.legacySecret != null) {
            SecretCipher.Sealed sealed = cipher.seal(endpoint.legacySecret, endpoint.id);
            endpoint.previousSecretCiphertext = sealed.ciphertext();
            endpoint.previousSecretKeyId = sealed.keyId();
        } else {
            // Bound to the same endpoint id: moving it needs no decryption.
            endpoint.previousSecretCiphertext = endpoint.secretCiphertext;
            endpoint.previousSecretKeyId = endpoint.secretKeyId;
        }
        endpoint.previousSecretExpires = previousExpires;
        endpoint.legacyPreviousSecret = null;
        return issue(endpoint);
    }

    /**
     * The secrets that sign a delivery now: the current one, and the previous one while its
     * rotation overlap lasts.
     *
     * @throws SecretCipher.UnreadableSecretException if one cannot be decrypted with the configured keys
     */
    public List<String> signingSecrets(WebhookEndpoint endpoint, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(open(endpoint.secretKeyId, endpoint.secretCiphertext, endpoint.legacySecret, endpoint.id));
        if (endpoint.previousSecretExpires != null && now.isBefore(endpoint.previousSecretExpires)
                && (endpoint.previousSecretCiphertext != null || endpoint.legacyPreviousSecret != null)) {
            secrets.add(open(endpoint.previousSecretKeyId, endpoint.previousSecretCiphertext,
                    endpoint.legacyPreviousSecret, endpoint.id));
        }
        return secrets;
    }

    private String open(String keyId, byte[] ciphertext, String legacy, String endpointId) {
        // A plaintext value can only have been written after the encrypted one (by an older release): it wins.
        if (legacy != null) {
            return legacy;
        }
        if (ciphertext != null) {
            return cipher.open(new SecretCipher.Sealed(keyId, ciphertext), endpointId);
        }
        throw new SecretCipher.UnreadableSecretException("no secret is stored");
    }
}
