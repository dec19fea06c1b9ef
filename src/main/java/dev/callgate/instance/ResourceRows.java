package dev.callgate.instance;

import dev.callgate.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** SQL for the resources inside instances. */
public final class ResourceRows {
    private static final String COLUMNS = "instance_id, kind, id, name, body, modified_at";
    private static final String INSERT = "insert into resource (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)";

    public void insert(Connection connection, ResourceRow row) throws SQLException {
        Sql.update(connection, INSERT, values(row));
    }

    /** Inserts several rows in one batch (an instance's default resources). */
    public void insertAll(Connection connection, List<ResourceRow> rows) throws SQLException {
        Sql.batch(connection, INSERT, rows, ResourceRows::values);
    }

    /** One resource by id. */
    public Optional<ResourceRow> find(Connection connection, String instanceId, String kind, String id) throws SQLException {
        return Sql.one(connection, "select " + COLUMNS + " from resource where instance_id = ? and kind = ? and id = ?",
                ResourceRows::row, instanceId, kind, id);
    }

    /**
     * One resource by id, locked until the transaction ends: a resource that a new row refers to
     * cannot be deleted under it, and a delete that got the lock first makes it not found.
     */
    public Optional<ResourceRow> lock(Connection connection, String instanceId, String kind, String id) throws SQLException {
        return Sql.one(connection, "select " + COLUMNS + " from resource where instance_id = ? and kind = ? and id = ? for update",
                ResourceRows::row, instanceId, kind, id);
    }

    public Optional<ResourceRow> findByName(Connection connection, String instanceId, String kind, String name) throws SQLException {
        return Sql.one(connection, "select " + COLUMNS + " from resource where instance_id = ? and kind = ? and name = ?",
                ResourceRows::row, instanceId, kind, name);
    }

    /** A page of an instance's resources of some kinds, in id order, after {@code afterId} (or from the start). */
    public List<ResourceRow> page(Connection connection, String instanceId, Collection<String> kinds, String afterId, int limit)
            throws SQLException {
        String marks = String.join(", ", Collections.nCopies(kinds.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(instanceId);
        params.addAll(kinds);
        params.add(afterId == null ? "" : afterId);
        return Sql.list(connection, "select " + COLUMNS
                + " from resource where instance_id = ? and kind in (" + marks + ") and id > ? order by id" + Sql.limit(limit),
                ResourceRows::row, params.toArray());
    }

    /** A page of one kind's resources across an account's instances in a region, in id order. */
    public List<ResourceRow> pageForAccount(Connection connection, String accountId, String region, String kind, String afterId,
                                            int limit) throws SQLException {
        return Sql.list(connection, "select r.instance_id, r.kind, r.id, r.name, r.body, r.modified_at"
                + " from resource r join instance i on i.id = r.instance_id"
                + " where i.account_id = ? and i.region = ? and r.kind = ? and r.id > ? order by r.id" + Sql.limit(limit),
                ResourceRows::row, accountId, region, kind, afterId == null ? "" : afterId);
    }

    public void updateBody(Connection connection, ResourceRow row) throws SQLException {
        Sql.update(connection, "update resource set body = ?, modified_at = ? where instance_id = ? and kind = ? and id = ?",
                row.body(), row.modifiedAtMillis(), row.instanceId(), row.kind(), row.id());
    }

    public void rename(Connection connection, ResourceRow row) throws SQLException {
        Sql.update(connection, "update resource set name = ? where instance_id = ? and kind = ? and id = ?",
                row.name(), row.instanceId(), row.kind(), row.id());
    }

    public boolean delete(Connection connection, String instanceId, String kind, String id) throws SQLException {
        return Sql.update(connection, "delete from resource where instance_id = ? and kind = ? and id = ?",
                instanceId, kind, id) == 1;
    }

    public int count(Connection connection, String instanceId, String kind) throws SQLException {
        return Sql.one(connection, "select count(*) from resource where instance_id = ? and kind = ?",
                rs -> rs.getInt(1), instanceId, kind).orElseThrow();
    }

    public void deleteInstance(Connection connection, String instanceId) throws SQLException {
        Sql.update(connection, "delete from resource where instance_id = ?", instanceId);
    }

    /** The ids of an instance's resources of one kind, in id order. */
    public List<String> ids(Connection connection, String instanceId, String kind) throws SQLException {
        return Sql.list(connection, "select id from resource where instance_id = ? and kind = ? order by id",
                rs -> rs.getString(1), instanceId, kind);
    }

    /** A resource's columns, in {@link #COLUMNS} order. */
    private static Object[] values(ResourceRow row) {
        return new Object[] {row.instanceId(), row.kind(), row.id(), row.name(), row.body(), row.modifiedAtMillis()};
    }

    private static ResourceRow row(ResultSet rs) throws SQLException {
        return new ResourceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6));
    }
}
