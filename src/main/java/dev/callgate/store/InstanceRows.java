package dev.callgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the instance table. */
public final class InstanceRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, account_id, region, alias, identity_management_type, directory_id, "
            + "inbound_calls, outbound_calls, edition, created_at, client_token, tags, opened";

    public void insert(Connection connection, InstanceRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into instance (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, row.id());
            insert.setString(2, row.accountId());
            insert.setString(3, row.region());
            insert.setString(4, row.alias());
            insert.setString(5, row.identityManagementType());
            insert.setString(6, row.directoryId());
            insert.setBoolean(7, row.inboundCalls());
            insert.setBoolean(8, row.outboundCalls());
            insert.setString(9, row.edition());
            insert.setLong(10, row.createdAtMillis());
            insert.setString(11, row.clientToken());
            insert.setString(12, toJson(row.tags()));
            insert.setBoolean(13, row.opened());
            insert.executeUpdate();
        }
    }

    /** The instance with this id, if it belongs to the account and region. */
    public Optional<InstanceRow> find(Connection connection, String accountId, String region, String id) throws SQLException {
        return one(connection, "select " + COLUMNS + " from instance where account_id = ? and region = ? and id = ?",
                accountId, region, id);
    }

    /** The instance with this id, whoever owns it (for the operator). */
    public Optional<InstanceRow> find(Connection connection, String id) throws SQLException {
        return one(connection, "select " + COLUMNS + " from instance where id = ?", id);
    }

    public Optional<InstanceRow> findByClientToken(Connection connection, String accountId, String region, String token)
            throws SQLException {
        return one(connection, "select " + COLUMNS + " from instance where account_id = ? and region = ? and client_token = ?",
                accountId, region, token);
    }

    /** A page of the account's instances in a region, in id order, after {@code afterId} (or from the start). */
    public List<InstanceRow> page(Connection connection, String accountId, String region, String afterId, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                + " from instance where account_id = ? and region = ? and id > ? order by id limit ?")) {
            select.setString(1, accountId);
            select.setString(2, region);
            select.setString(3, afterId == null ? "" : afterId);
            select.setInt(4, limit);
            return rows(select);
        }
    }

    public void updateTags(Connection connection, String id, Map<String, String> tags) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update instance set tags = ? where id = ?")) {
            update.setString(1, toJson(tags));
            update.setString(2, id);
            update.executeUpdate();
        }
    }

    /**
     * Records that the instance is opened; false when another transaction did it first (the row stays
     * locked until this one ends, so exactly one opens it) or the instance is gone.
     */
    public boolean markOpened(Connection connection, String id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update instance set opened = true where id = ? and opened = false")) {
            update.setString(1, id);
            return update.executeUpdate() == 1;
        }
    }

    /** The row, locked until the transaction ends. */
    public Optional<InstanceRow> lock(Connection connection, String id) throws SQLException {
        return one(connection, "select " + COLUMNS + " from instance where id = ? for update", id);
    }

    public boolean delete(Connection connection, String accountId, String region, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from instance where account_id = ? and region = ? and id = ?")) {
            delete.setString(1, accountId);
            delete.setString(2, region);
            delete.setString(3, id);
            return delete.executeUpdate() == 1;
        }
    }

    public boolean aliasTaken(Connection connection, String alias) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select 1 from instance where alias = ?")) {
            select.setString(1, alias);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Optional<InstanceRow> one(Connection connection, String sql, String... params) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setString(i + 1, params[i]);
            }
            return rows(select).stream().findFirst();
        }
    }

    private static List<InstanceRow> rows(PreparedStatement select) throws SQLException {
        List<InstanceRow> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new InstanceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9),
                        rs.getLong(10), rs.getString(11), fromJson(rs.getString(12)), rs.getBoolean(13)));
            }
        }
        return rows;
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
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt tags column: " + json, e);
        }
    }
}
