package dev.callgate.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.json.Json;
import dev.callgate.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the request store (table change_request). */
final class RequestRows {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String COLUMNS = "id, account_id, region, kind, quota_code, context_id, instance_id, desired_value,"
            + " current_value, status, reason, case_id, requester, created, last_updated, details";

    void insert(Connection c, ChangeRequest r) throws SQLException {
        Sql.update(c, "insert into change_request (" + COLUMNS + ", open_key)"
                // Sql binds a null as text: the casts let a missing value into the number columns on every store.
                + " values (?, ?, ?, ?, ?, ?, ?, cast(? as bigint), cast(? as bigint), ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.accountId(), r.region(), r.kind().name(), r.quotaCode(), r.contextId(), r.instanceId(), whole(r.desiredValue()),
                whole(r.currentValue()), r.status().name(), r.reason(), r.caseId(), r.requester(), r.created(), r.lastUpdated(),
                r.details().toString(), r.status().isOpen() ? r.openKey() : null);
    }

    Optional<ChangeRequest> find(Connection c, String id) throws SQLException {
        return Sql.one(c, "select " + COLUMNS + " from change_request where id = ?", RequestRows::row, id);
    }

    /**
     * Moves a request from the status it was read with to its new one; false when another transaction
     * moved it first. The update holds the row until the transaction ends, so whatever the move applies
     * is applied once.
     */
    boolean update(Connection c, RequestStatus from, ChangeRequest r) throws SQLException {
        return Sql.update(c, "update change_request set status = ?, reason = ?, case_id = ?, last_updated = ?, details = ?, open_key = ?"
                + " where id = ? and status = ?", r.status().name(), r.reason(), r.caseId(), r.lastUpdated(), r.details().toString(),
                r.status().isOpen() ? r.openKey() : null, r.id(), from.name()) == 1;
    }

    Optional<String> openWithKey(Connection c, String openKey) throws SQLException {
        return Sql.one(c, "select id from change_request where open_key = ?", row -> row.getString(1), openKey);
    }

    /**
     * Locks the account's submissions until the transaction ends (its row, written on its first
     * submission): the open requests it counts next cannot change under it.
     */
    void lockAccount(Connection c, String accountId) throws SQLException {
        Sql.update(c, "insert into request_account (account_id) values (?)"
                + " on conflict (account_id) do update set account_id = excluded.account_id", accountId);
    }

    long openCount(Connection c, String accountId) throws SQLException {
        return Sql.one(c, "select count(*) from change_request where account_id = ? and open_key is not null",
                row -> row.getLong(1), accountId).orElse(0L);
    }

    /** Requests in id (creation) order after {@code afterId}, matching every non-null filter. */
    List<ChangeRequest> page(Connection c, RequestFilter filter, String afterId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from change_request where id > ?");
        List<Object> params = new ArrayList<>(List.of(afterId == null ? "" : afterId));
        condition(sql, params, "account_id", filter.accountId());
        condition(sql, params, "region", filter.region());
        condition(sql, params, "kind", filter.kind() == null ? null : filter.kind().name());
        condition(sql, params, "status", filter.status() == null ? null : filter.status().name());
        condition(sql, params, "quota_code", filter.quotaCode());
        condition(sql, params, "instance_id", filter.instanceId());
        if (filter.perInstance() != null) {
            // The context, not the instance: a request whose ContextId named no instance is still a resource-level one.
            sql.append(filter.perInstance() ? " and context_id is not null" : " and context_id is null");
        }
        sql.append(" order by id").append(Sql.limit(limit));
        return Sql.list(c, sql.toString(), RequestRows::row, params.toArray());
    }

    private static void condition(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static ChangeRequest row(ResultSet row) throws SQLException {
        return new ChangeRequest(row.getString(1), row.getString(2), row.getString(3), RequestKind.valueOf(row.getString(4)),
                row.getString(5), row.getString(6), row.getString(7), number(row, 8), number(row, 9),
                RequestStatus.valueOf(row.getString(10)), row.getString(11), row.getString(12), row.getString(13),
                row.getLong(14), row.getLong(15), details(row.getString(16)));
    }

    /** Quota values are whole numbers (checked at submission), stored as such. */
    private static Long whole(Double value) {
        return value == null ? null : value.longValue();
    }

    private static Double number(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : (double) value;
    }

    private static ObjectNode details(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
