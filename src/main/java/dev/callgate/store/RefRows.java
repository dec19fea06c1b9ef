package dev.callgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL for the references between an instance's resources. */
public final class RefRows {
    private static final String COLUMNS = "instance_id, from_kind, from_id, relation, to_kind, to_id, detail";
    private static final String INSERT = "insert into resource_ref (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)";

    public void insert(Connection connection, RefRow ref) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, ref);
            insert.executeUpdate();
        }
    }

    /** Inserts several references in one batch (an instance's default resources'). */
    public void insertAll(Connection connection, List<RefRow> refs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (RefRow ref : refs) {
                bind(insert, ref);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public void updateDetail(Connection connection, RefRow ref) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update resource_ref set detail = ? where instance_id = ?"
                + " and from_kind = ? and from_id = ? and relation = ? and to_kind = ? and to_id = ?")) {
            update.setString(1, ref.detail());
            bindKey(update, 2, ref);
            update.executeUpdate();
        }
    }

    /** Deletes one reference; false when there was none. */
    public boolean delete(Connection connection, RefRow ref) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from resource_ref where instance_id = ?"
                + " and from_kind = ? and from_id = ? and relation = ? and to_kind = ? and to_id = ?")) {
            bindKey(delete, 1, ref);
            return delete.executeUpdate() == 1;
        }
    }

    /** The references a resource holds whose relation starts with {@code relationPrefix} ("" for all). */
    public List<RefRow> from(Connection connection, String instanceId, String kind, String id, String relationPrefix)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from resource_ref"
                + " where instance_id = ? and from_kind = ? and from_id = ? and relation like ? order by to_id, relation")) {
            select.setString(1, instanceId);
            select.setString(2, kind);
            select.setString(3, id);
            select.setString(4, relationPrefix + "%");
            return rows(select);
        }
    }

    /** The references held to a resource, at most {@code limit}. */
    public List<RefRow> to(Connection connection, String instanceId, String kind, String id, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from resource_ref"
                + " where instance_id = ? and to_kind = ? and to_id = ? order by from_kind, from_id limit ?")) {
            select.setString(1, instanceId);
            select.setString(2, kind);
            select.setString(3, id);
            select.setInt(4, limit);
            return rows(select);
        }
    }

    public int countTo(Connection connection, String instanceId, String toKind, String toId, String fromKind) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select count(*) from resource_ref"
                + " where instance_id = ? and to_kind = ? and to_id = ? and from_kind = ?")) {
            select.setString(1, instanceId);
            select.setString(2, toKind);
            select.setString(3, toId);
            select.setString(4, fromKind);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Deletes every reference a resource holds. */
    public void deleteFrom(Connection connection, String instanceId, String kind, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from resource_ref where instance_id = ? and from_kind = ? and from_id = ?")) {
            delete.setString(1, instanceId);
            delete.setString(2, kind);
            delete.setString(3, id);
            delete.executeUpdate();
        }
    }

    /** Deletes the references of one relation held to a resource (those that do not keep it in use). */
    public void deleteTo(Connection connection, String instanceId, String kind, String id, String relation) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from resource_ref where instance_id = ? and to_kind = ? and to_id = ? and relation = ?")) {
            delete.setString(1, instanceId);
            delete.setString(2, kind);
            delete.setString(3, id);
            delete.setString(4, relation);
            delete.executeUpdate();
        }
    }

    public void deleteInstance(Connection connection, String instanceId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from resource_ref where instance_id = ?")) {
            delete.setString(1, instanceId);
            delete.executeUpdate();
        }
    }

    private static void bind(PreparedStatement insert, RefRow ref) throws SQLException {
        bindKey(insert, 1, ref);
        insert.setString(7, ref.detail());
    }

    /** Binds the six key columns of a reference, in table order, from parameter {@code first} on. */
    private static void bindKey(PreparedStatement statement, int first, RefRow ref) throws SQLException {
        statement.setString(first, ref.instanceId());
        statement.setString(first + 1, ref.fromKind());
        statement.setString(first + 2, ref.fromId());
        statement.setString(first + 3, ref.relation());
        statement.setString(first + 4, ref.toKind());
        statement.setString(first + 5, ref.toId());
    }

    private static List<RefRow> rows(PreparedStatement select) throws SQLException {
        List<RefRow> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new RefRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return rows;
    }
}
