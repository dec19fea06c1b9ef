package dev.callgate.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.callgate.json.Json;
import dev.callgate.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the instance table. */
public final class InstanceRows {
    private static final ObjectMapper JSON = Json.MAPPER;
    // Built once: a TypeReference per call made Jackson resolve the type on every row read.
    private static final ObjectReader TAGS = JSON.readerFor(new TypeReference<Map<String, String>>() { });
    private static final String COLUMNS = "id, account_id, region, alias, identity_management_type, directory_id, "
            + "inbound_calls, outbound_calls, edition, created_at, client_token, tags, opened";
    private static final String SUMMARY_COLUMNS = "id, account_id, region, alias, identity_management_type, "
            + "inbound_calls, outbound_calls, created_at";

    public void insert(Connection connection, InstanceRow row) throws SQLException {
        Sql.update(connection, "insert into instance (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.id(), row.accountId(), row.region(), row.alias(), row.identityManagementType(), row.directoryId(),
                row.inboundCalls(), row.outboundCalls(), row.edition(), row.createdAtMillis(), row.clientToken(),
                toJson(row.tags()), row.opened());
    }

    /** The instance with this id, if it belongs to the account and region. */
    public Optional<InstanceRow> find(Connection connection, String accountId, String region, String id) throws SQLException {
        return Sql.one(connection, "select " + COLUMNS + " from instance where account_id = ? and region = ? and id = ?",
                InstanceRows::row, accountId, region, id);
    }

    /** The instance with this id, whoever owns it (for the operator). */
    public Optional<InstanceRow> find(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "select " + COLUMNS + " from instance where id = ?", InstanceRows::row, id);
    }

    public Optional<InstanceRow> findByClientToken(Connection connection, String accountId, String region, String token)
            throws SQLException {
        return Sql.one(connection, "select " + COLUMNS + " from instance where account_id = ? and region = ? and client_token = ?",
                InstanceRows::row, accountId, region, token);
    }

    /** A page of the account's instances in a region, in id order, after {@code afterId} (or from the start). */
    public List<InstanceSummaryRow> page(Connection connection, String accountId, String region, String afterId, int limit)
            throws SQLException {
        return Sql.list(connection, "select " + SUMMARY_COLUMNS
                + " from instance where account_id = ? and region = ? and id > ? order by id" + Sql.limit(limit),
                InstanceRows::summaryRow, accountId, region, afterId == null ? "" : afterId);
    }

    /** Every instance, of one account or (null) of all, by account, region and id (for the operator). */
    public List<InstanceRow> all(Connection connection, String accountId) throws SQLException {
        String order = " order by account_id, region, id";
        return accountId == null
                ? Sql.list(connection, "select " + COLUMNS + " from instance" + order, InstanceRows::row)
                : Sql.list(connection, "select " + COLUMNS + " from instance where account_id = ?" + order, InstanceRows::row, accountId);
    }

    public void updateTags(Connection connection, String id, Map<String, String> tags) throws SQLException {
        Sql.update(connection, "update instance set tags = ? where id = ?", toJson(tags), id);
    }

    /** Turns the instance's inbound or outbound calling on or off. */
    public void updateCalls(Connection connection, String id, boolean inbound, boolean outbound) throws SQLException {
        Sql.update(connection, "update instance set inbound_calls = ?, outbound_calls = ? where id = ?", inbound, outbound, id);
    }

    /**
     * Records that the instance is opened; false when another transaction did it first (the row stays
     * locked until this one ends, so exactly one opens it) or the instance is gone.
     */
    public boolean markOpened(Connection connection, String id) throws SQLException {
        return Sql.update(connection, "update instance set opened = true where id = ? and opened = false", id) == 1;
    }

    /** The row, locked until the transaction ends. */
    public Optional<InstanceRow> lock(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "select " + COLUMNS + " from instance where id = ? for update", InstanceRows::row, id);
    }

    public boolean delete(Connection connection, String accountId, String region, String id) throws SQLException {
        return Sql.update(connection, "delete from instance where account_id = ? and region = ? and id = ?",
                accountId, region, id) == 1;
    }

    private static InstanceRow row(ResultSet rs) throws SQLException {
        return new InstanceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9),
                rs.getLong(10), rs.getString(11), fromJson(rs.getString(12)), rs.getBoolean(13));
    }

    private static InstanceSummaryRow summaryRow(ResultSet rs) throws SQLException {
        return new InstanceSummaryRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getLong(8));
    }

    private static String toJson(Map<String, String> tags) {
        try {
            return JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return json.equals("{}") ? Map.of() : TAGS.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt tags column: " + json, e);
        }
    }
}
