package io.spinestream.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The key with which the local notification service encrypts webhook signing secrets at rest:
 * {@code .spinestream/keys/webhook-secrets.key} (mode 600), one line {@code local:<base64 of 32
 * random bytes>}, the form of its {@code encryption-keys} setting. Generated once and kept: the
 * secrets in the local database can only be read with it.
 */
public final class WebhookSecretsKey {

    /** The notification service's setting, as an environment variable. */
    public static final String ENV = "SPINESTREAM_NOTIFICATION_WEBHOOKS_SECRETS_ENCRYPTION_KEYS";

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=_-]{43,44}");
    private static final int KEY_BYTES = 32;

    private final Path file;

    public WebhookSecretsKey(Path file) {
        this.file = file;
    }

    public static WebhookSecretsKey of(Workspace ws) {
        return new WebhookSecretsKey(ws.keysDir().resolve("webhook-secrets.key"));
    }

    public Path file() {
        return file;
    }

    /**
     * Makes sure the key file exists.
     *
     * @return true if a key was generated, false if it existed
     */
    public synchronized boolean ensure() throws IOException {
        if (Files.isRegularFile(file)) {
            return false;
        }
        PrivateFiles.createPrivateDirectory(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        PrivateFiles.writeAtomically(file, "local:" + Base64.getEncoder().encodeToString(key) + "\n", true);
        return true;
    }

    /** The value of {@link #ENV}: the key, generated first if missing. */
    public String setting() throws IOException {
        ensure();
        String value = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!FORM.matcher(value).matches()) {
            throw new IOException(file + " is not a key of the form <id>:<base64 of 32 bytes>; restore it from a"
                    + " copy (the stored webhook secrets need it) or, to start over, delete it with"
                    + " .spinestream/postgres");
        }
        return value;
    }
}
