package dev.callgate.calls;

import dev.callgate.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * SQL for call leases: one row per call in progress, held by the node that carries the call and
 * renewed by it. Deleting the row is what releases the call's quota unit, so it can succeed once.
 */
final class CallLeases {

    void insert(Connection connection, String contactId, String instanceId, String node, long expiresAt) throws SQLException {
        Sql.update(connection, "insert into call_lease (contact_id, instance_id, node_id, expires_at) values (?, ?, ?, ?)",
                contactId, instanceId, node, expiresAt);
    }

    /** The lease's instance, deleted with its row; null when the lease is gone (released already). */
    String take(Connection connection, String contactId) throws SQLException {
        String instanceId = Sql.one(connection, "select instance_id from call_lease where contact_id = ? for update",
                rs -> rs.getString(1), contactId).orElse(null);
        if (instanceId == null || Sql.update(connection, "delete from call_lease where contact_id = ?", contactId) != 1) {
            return null;
        }
        return instanceId;
    }

    /** Extends every lease of a node; returns the calls it still holds. */
    List<String> renew(Connection connection, String node, long expiresAt) throws SQLException {
        Sql.update(connection, "update call_lease set expires_at = ? where node_id = ?", expiresAt, node);
        return Sql.list(connection, "select contact_id from call_lease where node_id = ?", rs -> rs.getString(1), node);
    }

    /** Leases that ran out before {@code now} (their node stopped renewing them), oldest first. */
    List<String> expired(Connection connection, long now, int limit) throws SQLException {
        return Sql.list(connection, "select contact_id from call_lease where expires_at < ? order by expires_at" + Sql.limit(limit),
                rs -> rs.getString(1), now);
    }

    /** An instance's leases that ran out before {@code now}. */
    List<String> expired(Connection connection, String instanceId, long now) throws SQLException {
        return Sql.list(connection, "select contact_id from call_lease where instance_id = ? and expires_at < ?",
                rs -> rs.getString(1), instanceId, now);
    }

    /** Drops the leases of a deleted instance (its quota rows go with it). */
    static void dropInstance(Connection connection, String instanceId) throws SQLException {
        Sql.update(connection, "delete from call_lease where instance_id = ?", instanceId);
    }
}
