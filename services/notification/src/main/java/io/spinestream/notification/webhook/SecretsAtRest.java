package io.spinestream.notification.webhook;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every stored signing secret encrypted with the active key: encrypts secrets stored in
 * plaintext (by releases before V5, or by an instance of one during a rolling upgrade),
 * re-encrypts those under another configured key (after a key rotation), and deletes rotation
 * secrets whose overlap ended. Runs at start, before the service is ready, and then periodically;
 * idempotent, and safe on several instances at once (rows are locked, locked ones skipped).
 * The service refuses to start while a stored secret cannot be decrypted with the configured keys.
 */
@ApplicationScoped
public class SecretsAtRest {

    /** What a pass did. {@code unreadable}: endpoint id → why its secret could not be decrypted. */
    public record Pass(int reencrypted, int expiredRemoved, Map<String, String> unreadable) {
    }

    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class);
    private static final int BATCH = 100;

    private final DataSource dataSource;
    private final EndpointSecrets secrets;
    private final InstantSource clock;

    @Inject
    public SecretsAtRest(DataSource dataSource, EndpointSecrets secrets, InstantSource clock) {
        this.dataSource = dataSource;
        this.secrets = secrets;
        this.clock = clock;
    }

    // Early among the start observers: the key is checked before consumers and dispatchers start.
    void onStart(@Observes @Priority(10) StartupEvent startup) {
        Pass pass = run();
        if (!pass.unreadable().isEmpty()) {
            throw new IllegalStateException("The webhook signing secrets of " + pass.unreadable().size()
                    + " endpoint(s) cannot be decrypted with the configured keys " + secrets.cipher().keyIds()
                    + ": " + pass.unreadable() + ". Configure every key still in use in "
                    + EndpointSecrets.KEYS_PROPERTY + " (see docs/operations.md, 'Webhook secrets at rest')");
        }
        report(pass);
    }

    @Scheduled(every = "${spinestream.notification.webhooks.secrets.reencryption-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void periodically() {
        Pass pass = run();
        if (!pass.unreadable().isEmpty()) {
            LOG.errorf("The webhook signing secrets of %d endpoint(s) cannot be decrypted with the configured keys %s;"
                    + " their deliveries fail until the key is configured: %s", pass.unreadable().size(),
                    secrets.cipher().keyIds(), pass.unreadable());
        }
        report(pass);
    }

    private static void report(Pass pass) {
        if (pass.reencrypted() > 0 || pass.expiredRemoved() > 0) {
            LOG.infof("Webhook signing secrets at rest: %d endpoint(s) (re-)encrypted with the active key, %d expired"
                    + " rotation secret(s) deleted", pass.reencrypted(), pass.expiredRemoved());
        }
    }

    /** One pass over every endpoint whose stored secrets are not as they should be. */
    public Pass run() {
        SecretCipher cipher = secrets.cipher();
        Map<String, String> unreadable = new LinkedHashMap<>();
        int[] counts = new int[2];
        String after = "";
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                while (true) {
                    Instant now = clock.instant();
                    List<Row> rows = due(connection, cipher.activeKeyId(), now, after);
                    for (Row row : rows) {
                        fix(connection, cipher, row, now, counts, unreadable);
                    }
                    connection.commit();
                    if (rows.size() < BATCH) {
                        break;
                    }
                    after = rows.get(rows.size() - 1).id();
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the stored webhook secrets: " + e.getMessage(), e);
        }
        return new Pass(counts[0], counts[1], unreadable);
    }

    private record Row(String id, String legacySecret, String secretKeyId, byte[] secretCiphertext,
                       String legacyPrevious, String previousKeyId, byte[] previousCiphertext, Instant previousExpires) {
    }

    private static List<Row> due(Connection connection, String activeKeyId, Instant now, String after)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id, secret, secret_key_id, secret_ciphertext,"
                + " previous_secret, previous_secret_key_id, previous_secret_ciphertext, previous_secret_expires"
                + " FROM webhook_endpoint WHERE id > ? AND (secret IS NOT NULL OR previous_secret IS NOT NULL"
                + " OR secret_key_id <> ? OR previous_secret_key_id <> ?"
                + " OR (previous_secret_expires IS NOT NULL AND previous_secret_expires <= ?))"
                + " ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")) {
            query.setString(1, after);
            query.setString(2, activeKeyId);
            query.setString(3, activeKeyId);
            query.setTimestamp(4, Timestamp.from(now));
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    Timestamp expires = r.getTimestamp(8);
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4), r.getString(5),
                            r.getString(6), r.getBytes(7), expires == null ? null : expires.toInstant()));
                }
            }
            return rows;
        }
    }

    private static void fix(Connection connection, SecretCipher cipher, Row row, Instant now, int[] counts,
                            Map<String, String> unreadable) throws SQLException {
        SecretCipher.Sealed current;
        SecretCipher.Sealed previous = null;
        boolean previousExpired = row.previousExpires() != null && !row.previousExpires().isAfter(now);
        try {
            current = sealedWithActive(cipher, row.id(), row.secretKeyId(), row.secretCiphertext(), row.legacySecret());
            if (row.previousExpires() != null && !previousExpired) {
                previous = sealedWithActive(cipher, row.id(), row.previousKeyId(), row.previousCiphertext(),
                        row.legacyPrevious());
            }
        } catch (SecretCipher.UnreadableSecretException e) {
            unreadable.put(row.id(), e.getMessage());
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_endpoint SET secret = NULL,"
                + " previous_secret = NULL, secret_key_id = ?, secret_ciphertext = ?, previous_secret_key_id = ?,"
                + " previous_secret_ciphertext = ?, previous_secret_expires = ? WHERE id = ?")) {
            update.setString(1, current.keyId());
            update.setBytes(2, current.ciphertext());
            update.setString(3, previous == null ? null : previous.keyId());
            update.setBytes(4, previous == null ? null : previous.ciphertext());
            update.setTimestamp(5, previous == null ? null : Timestamp.from(row.previousExpires()));
            update.setString(6, row.id());
            update.executeUpdate();
        }
        boolean reencrypted = row.legacySecret() != null || !cipher.activeKeyId().equals(row.secretKeyId())
                || (previous != null && (row.legacyPrevious() != null
                || !cipher.activeKeyId().equals(row.previousKeyId())));
        if (reencrypted) {
            counts[0]++;
        }
        if (previousExpired) {
            counts[1]++;
        }
    }

    /** The value sealed with the active key: kept as it is when it already is, else opened and sealed again. */
    private static SecretCipher.Sealed sealedWithActive(SecretCipher cipher, String endpointId, String keyId,
                                                        byte[] ciphertext, String legacy) {
        // A plaintext value can only have been written after the encrypted one (by an older release): it wins.
        if (legacy != null) {
            return cipher.seal(legacy, endpointId);
        }
        if (ciphertext != null && cipher.activeKeyId().equals(keyId)) {
            return new SecretCipher.Sealed(keyId, ciphertext);
        }
        String plaintext;
        if (ciphertext != null) {
            plaintext = cipher.open(new SecretCipher.Sealed(keyId, ciphertext), endpointId);
        } else {
            throw new SecretCipher.UnreadableSecretException("no secret is stored");
        }
        return cipher.seal(plaintext, endpointId);
    }
}
