package dev.callgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL for the resources inside instances. */
public final class ResourceRows {
    private static final String COLUMNS = "instance_id, kind, id, name, body, modified_at";
    private static final String INSERT = "insert into resource (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)";

    public void insert(Connection connection, ResourceRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, row);
            insert.executeUpdate();
        }
    }

    /** Inserts several rows in one batch (an instance's default resources). */
    public void insertAll(Connection connection, List<ResourceRow> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ResourceRow row : rows) {
                bind(insert, row);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** One resource by id. */
    public Optional<ResourceRow> find(Connection connection, String instanceId, String kind, String id) throws SQLException {
        return one(connection, "select " + COLUMNS + " from resource where instance_id = ? and kind = ? and id = ?",
                instanceId, kind, id);
    }

    /**
     * One resource by id, locked until the transaction ends: a resource that a new row refers to
     * cannot be deleted under it, and a delete that got the lock first makes it not found.
     */
    public Optional<ResourceRow> lock(Connection connection, String instanceId, String kind, String id) throws SQLException {
        return one(connection, "select " + COLUMNS + " from resource where instance_id = ? and kind = ? and id = ? for update",
                instanceId, kind, id);
    }

    public Optional<ResourceRow> findByName(Connection connection, String instanceId, String kind, String name) throws SQLException {
        return one(connection, "select " + COLUMNS + " from resource where instance_id = ? and kind = ? and name = ?",
                instanceId, kind, name);
    }

    /** A page of an instance's resources of some kinds, in id order, after {@code afterId} (or from the start). */
    public List<ResourceRow> page(Connection connection, String instanceId, Collection<String> kinds, String afterId, int limit)
            throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(kinds.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                + " from resource where instance_id = ? and kind in (" + marks + ") and id > ? order by id limit ?")) {
            int i = 1;
            select.setString(i++, instanceId);
            for (String kind : kinds) {
                select.setString(i++, kind);
            }
            select.setString(i++, afterId == null ? "" : afterId);
            select.setInt(i, limit);
            return rows(select);
        }
    }

    /** A page of one kind's resources across an account's instances in a region, in id order. */
    public List<ResourceRow> pageForAccount(Connection connection, String accountId, String region, String kind, String afterId,
                                            int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select r.instance_id, r.kind, r.id, r.name, r.body, r.modified_at"
                + " from resource r join instance i on i.id = r.instance_id"
                + " where i.account_id = ? and i.region = ? and r.kind = ? and r.id > ? order by r.id limit ?")) {
            select.setString(1, accountId);
            select.setString(2, region);
            select.setString(3, kind);
            select.setString(4, afterId == null ? "" : afterId);
            select.setInt(5, limit);
            return rows(select);
        }
    }

    public void updateBody(Connection connection, ResourceRow row) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update resource set body = ?, modified_at = ? where instance_id = ? and kind = ? and id = ?")) {
            update.setString(1, row.body());
            update.setLong(2, row.modifiedAtMillis());
            update.setString(3, row.instanceId());
            update.setString(4, row.kind());
            update.setString(5, row.id());
            update.executeUpdate();
        }
    }

    public void rename(Connection connection, ResourceRow row) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update resource set name = ? where instance_id = ? and kind = ? and id = ?")) {
            update.setString(1, row.name());
            update.setString(2, row.instanceId());
            update.setString(3, row.kind());
            update.setString(4, row.id());
            update.executeUpdate();
        }
    }

    public boolean delete(Connection connection, String instanceId, String kind, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from resource where instance_id = ? and kind = ? and id = ?")) {
            delete.setString(1, instanceId);
            delete.setString(2, kind);
            delete.setString(3, id);
            return delete.executeUpdate() == 1;
        }
    }

    public int count(Connection connection, String instanceId, String kind) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select count(*) from resource where instance_id = ? and kind = ?")) {
            select.setString(1, instanceId);
            select.setString(2, kind);
            try (var rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public void deleteInstance(Connection connection, String instanceId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from resource where instance_id = ?")) {
            delete.setString(1, instanceId);
            delete.executeUpdate();
        }
    }

    /** The ids of an instance's resources of one kind, in id order. */
    public List<String> ids(Connection connection, String instanceId, String kind) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id from resource where instance_id = ? and kind = ? order by id")) {
            select.setString(1, instanceId);
            select.setString(2, kind);
            try (ResultSet rs = select.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    private static void bind(PreparedStatement insert, ResourceRow row) throws SQLException {
        insert.setString(1, row.instanceId());
        insert.setString(2, row.kind());
        insert.setString(3, row.id());
        insert.setString(4, row.name());
        insert.setString(5, row.body());
        insert.setLong(6, row.modifiedAtMillis());
    }

    private static Optional<ResourceRow> one(Connection connection, String sql, String... params) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setString(i + 1, params[i]);
            }
            return rows(select).stream().findFirst();
        }
    }

    private static List<ResourceRow> rows(PreparedStatement select) throws SQLException {
        List<ResourceRow> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new ResourceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)));
            }
        }
        return rows;
    }
}
