package dev.callgate.instance;

import dev.callgate.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** SQL for the references between an instance's resources. */
public final class RefRows {
    private static final String COLUMNS = "instance_id, from_kind, from_id, relation, to_kind, to_id, detail";
    private static final String INSERT = "insert into resource_ref (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)";

    public void insert(Connection connection, RefRow ref) throws SQLException {
        Sql.update(connection, INSERT, values(ref));
    }

    /** Inserts several references in one batch (an instance's default resources'). */
    public void insertAll(Connection connection, List<RefRow> refs) throws SQLException {
        Sql.batch(connection, INSERT, refs, RefRows::values);
    }

    public void updateDetail(Connection connection, RefRow ref) throws SQLException {
        Sql.update(connection, "update resource_ref set detail = ? where instance_id = ?"
                + " and from_kind = ? and from_id = ? and relation = ? and to_kind = ? and to_id = ?",
                ref.detail(), ref.instanceId(), ref.fromKind(), ref.fromId(), ref.relation(), ref.toKind(), ref.toId());
    }

    /** Deletes one reference; false when there was none. */
    public boolean delete(Connection connection, RefRow ref) throws SQLException {
        return Sql.update(connection, "delete from resource_ref where instance_id = ?"
                + " and from_kind = ? and from_id = ? and relation = ? and to_kind = ? and to_id = ?",
                ref.instanceId(), ref.fromKind(), ref.fromId(), ref.relation(), ref.toKind(), ref.toId()) == 1;
    }

    /** The references a resource holds whose relation starts with {@code relationPrefix} ("" for all). */
    public List<RefRow> from(Connection connection, String instanceId, String kind, String id, String relationPrefix)
            throws SQLException {
        return Sql.list(connection, "select " + COLUMNS + " from resource_ref"
                + " where instance_id = ? and from_kind = ? and from_id = ? and relation like ? order by to_id, relation",
                RefRows::row, instanceId, kind, id, relationPrefix + "%");
    }

    /** The references held to a resource, at most {@code limit}. */
    public List<RefRow> to(Connection connection, String instanceId, String kind, String id, int limit) throws SQLException {
        return Sql.list(connection, "select " + COLUMNS + " from resource_ref"
                + " where instance_id = ? and to_kind = ? and to_id = ? order by from_kind, from_id" + Sql.limit(limit),
                RefRows::row, instanceId, kind, id);
    }

    public int countTo(Connection connection, String instanceId, String toKind, String toId, String fromKind) throws SQLException {
        return Sql.one(connection, "select count(*) from resource_ref"
                + " where instance_id = ? and to_kind = ? and to_id = ? and from_kind = ?",
                rs -> rs.getInt(1), instanceId, toKind, toId, fromKind).orElseThrow();
    }

    /** Deletes every reference a resource holds. */
    public void deleteFrom(Connection connection, String instanceId, String kind, String id) throws SQLException {
        Sql.update(connection, "delete from resource_ref where instance_id = ? and from_kind = ? and from_id = ?",
                instanceId, kind, id);
    }

    /** Deletes the references of one relation held to a resource (those that do not keep it in use). */
    public void deleteTo(Connection connection, String instanceId, String kind, String id, String relation) throws SQLException {
        Sql.update(connection, "delete from resource_ref where instance_id = ? and to_kind = ? and to_id = ? and relation = ?",
                instanceId, kind, id, relation);
    }

    public void deleteInstance(Connection connection, String instanceId) throws SQLException {
        Sql.update(connection, "delete from resource_ref where instance_id = ?", instanceId);
    }

    /** A reference's columns, in {@link #COLUMNS} order. */
    private static Object[] values(RefRow ref) {
        return new Object[] {ref.instanceId(), ref.fromKind(), ref.fromId(), ref.relation(), ref.toKind(), ref.toId(), ref.detail()};
    }

    private static RefRow row(ResultSet rs) throws SQLException {
        return new RefRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7));
    }
}
