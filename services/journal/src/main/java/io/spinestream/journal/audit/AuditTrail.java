package io.spinestream.journal.audit;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.journal.shared.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stored audit trail: appended to once per record (a record read again is a duplicate) and read per
 * clinic. There is no update or delete here, and the table refuses them anyway (V6 migration's triggers).
 */
@ApplicationScoped
public class AuditTrail {

    private static final String COLUMNS = "record_id, service, at, subject, role, wearer_id, action, resource,"
            + " operation, resource_id, item_count, status, client_address, user_agent, request_id";

    private static final String INSERT = "INSERT INTO audit_record (record_id, clinic_id, service, at, subject, role,"
            + " wearer_id, action, resource, operation, resource_id, item_count, status, client_address, user_agent,"
            + " request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
            + " ON CONFLICT (record_id) DO NOTHING";

    private final Pool pool;

    @Inject
    public AuditTrail(Pool pool) {
        this.pool = pool;
    }

    /** Appends the record; false when it was already there (the same event read again). */
    public Uni<Boolean> append(AccessRecorded r) {
        Tuple values = Tuple.tuple(java.util.Arrays.asList(r.recordId(), r.clinicId(), r.service(), time(r.at()),
                r.subject(), r.role(), r.wearerId(), r.action().code(), r.resource(), r.operation(), r.resourceId(),
                r.itemCount(), r.status(), r.clientAddress(), r.userAgent(), r.requestId()));
        return pool.preparedQuery(INSERT).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /** One page of the clinic's trail, newest first, after {@code after}; {@code max} records at most. */
    public Uni<List<AuditRecordView>> page(String clinicId, AuditQuery query, Cursor after, int max) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = where(clinicId, query, params);
        if (after != null) {
            params.add(time(after.at()));
            params.add(after.id());
            sql.append(" AND (at, record_id) < ($").append(params.size() - 1).append(", $").append(params.size())
                    .append(")");
        }
        params.add(max);
        sql.append(" ORDER BY at DESC, record_id DESC LIMIT $").append(params.size());
        return select(sql.toString(), params);
    }

    /**
     * Up to {@code max} of the clinic's records after {@code after} (from the start when null), oldest first:
     * an export reads the trail chunk by chunk, and records stored meanwhile with a time in the period are
     * included if they sort after the part already read.
     */
    public Uni<List<AuditRecordView>> ascending(String clinicId, AuditQuery query, Cursor after, int max) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = where(clinicId, query, params);
        if (after != null) {
            params.add(time(after.at()));
            params.add(after.id());
            sql.append(" AND (at, record_id) > ($").append(params.size() - 1).append(", $").append(params.size())
                    .append(")");
        }
        params.add(max);
        sql.append(" ORDER BY at, record_id LIMIT $").append(params.size());
        return select(sql.toString(), params);
    }

    private static StringBuilder where(String clinicId, AuditQuery query, List<Object> params) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_record WHERE clinic_id = $1");
        params.add(clinicId);
        condition(sql, params, "wearer_id", query.wearerId());
        condition(sql, params, "subject", query.subject());
        condition(sql, params, "service", query.service());
        condition(sql, params, "action", query.action() == null ? null : query.action().code());
        if (query.from() != null) {
            params.add(time(query.from()));
            sql.append(" AND at >= $").append(params.size());
        }
        if (query.to() != null) {
            params.add(time(query.to()));
            sql.append(" AND at < $").append(params.size());
        }
        return sql;
    }

    private static void condition(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            params.add(value);
            sql.append(" AND ").append(column).append(" = $").append(params.size());
        }
    }

    private Uni<List<AuditRecordView>> select(String sql, List<Object> params) {
        return pool.preparedQuery(sql).execute(Tuple.tuple(params)).map(rows -> {
            List<AuditRecordView> views = new ArrayList<>();
            for (Row row : rows) {
                views.add(view(row));
            }
            return views;
        });
    }

    private static AuditRecordView view(Row row) {
        return new AuditRecordView(row.getString("record_id"), row.getString("service"),
                row.getOffsetDateTime("at").toInstant(), row.getString("subject"), row.getString("role"),
                row.getString("wearer_id"), AuditAction.valueOf(row.getString("action").toUpperCase(Locale.ROOT)),
                row.getString("resource"), row.getString("operation"), row.getString("resource_id"),
                row.getInteger("item_count"), row.getInteger("status"), row.getString("client_address"),
                row.getString("user_agent"), row.getString("request_id"));
    }

    private static OffsetDateTime time(java.time.Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
