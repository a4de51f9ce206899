package io.spinestream.ingest.downlink;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.BeltCommand;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Commands waiting for their belt, in PostgreSQL so that every instance sees them. A command is
 * handed out by claiming it: one UPDATE marks it delivered and returns it, so however many
 * instances, streams and uploads race for it, exactly one gets it, and never after its expiry.
 */
@ApplicationScoped
public class PendingCommands {

    /** How a command reached its belt. */
    public enum Via {
        STREAM("stream"), POLL("poll");

        final String column;

        Via(String column) {
            this.column = column;
        }
    }

    // Only for an active belt of the command's clinic: a command never crosses tenants.
    private static final String STORE = """
            INSERT INTO pending_command (command_id, belt_id, clinic_id, command, expires_at, received_at)
            SELECT $1, $2, $3, $4, $5, $6
             WHERE EXISTS (SELECT 1 FROM belt WHERE id = $2 AND clinic_id = $3 AND state = 'active')
            ON CONFLICT (command_id) DO NOTHING""";

    // Only over a credential that still works: a rotated-away stream receives nothing more.
    private static final String CLAIM = """
            UPDATE pending_command SET delivered_at = $3, delivered_via = $4
             WHERE belt_id = $1 AND delivered_at IS NULL AND expires_at > $3
               AND EXISTS (SELECT 1 FROM belt_credential c JOIN belt b ON b.id = c.belt_id
                            WHERE c.key_id = $2 AND c.belt_id = $1 AND c.revoked_at IS NULL AND b.state = 'active')
            RETURNING command, expires_at, received_at""";

    private static final String FORGET = "DELETE FROM pending_command WHERE expires_at < $1";

    private final Pool pool;
    private final DownlinkConfig config;

    @Inject
    public PendingCommands(Pool pool, DownlinkConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Whether the command's ids fit its row (V5__downlink.sql); every belt's and clinic's do. */
    static boolean fits(BeltCommand command, String clinicId) {
        return command.commandId().length() <= 64 && command.beltId().length() <= 32
                && clinicId != null && clinicId.length() <= 64;
    }

    /** Stores the command for its belt; false if the belt is unknown, retired, of another clinic, or it is stored already. */
    public Uni<Boolean> store(BeltCommand command, String clinicId, Instant expiresAt, Instant now) {
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(command);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Tuple params = Tuple.tuple().addString(command.commandId()).addString(command.beltId()).addString(clinicId)
                .addString(json).addOffsetDateTime(utc(expiresAt)).addOffsetDateTime(utc(now));
        return pool.preparedQuery(STORE).execute(params).map(rows -> rows.rowCount() == 1);
    }

    /** Claims every live command of the belt for delivery, oldest first. */
    public Uni<List<CommandView>> claim(String beltId, String credentialKey, Via via) {
        if (credentialKey == null) {
            return Uni.createFrom().item(List.of());
        }
        Tuple params = Tuple.tuple().addString(beltId).addString(credentialKey)
                .addOffsetDateTime(utc(Instant.now())).addString(via.column);
        return pool.preparedQuery(CLAIM).execute(params).map(rows -> {
            List<Row> claimed = new ArrayList<>();
            rows.forEach(claimed::add);
            claimed.sort(Comparator.comparing((Row row) -> row.getOffsetDateTime("received_at")));
            List<CommandView> commands = new ArrayList<>();
            for (Row row : claimed) {
                commands.add(CommandView.of(read(row.getString("command")),
                        row.getOffsetDateTime("expires_at").toInstant()));
            }
            return commands;
        });
    }

    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        return pool.preparedQuery(FORGET).execute(Tuple.of(utc(Instant.now().minus(config.keepAfterExpiry()))))
                .replaceWithVoid();
    }

    private static BeltCommand read(String json) {
        try {
            return EventJson.mapper().readValue(json, BeltCommand.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored command is unreadable", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
