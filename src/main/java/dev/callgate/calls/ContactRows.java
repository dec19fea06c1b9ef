package dev.callgate.calls;

import dev.callgate.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for the contact table. */
final class ContactRows {
    private static final String COLUMNS = "c.id, c.instance_id, c.initiation_method, c.customer_number, c.system_number,"
            + " c.initiated_at, c.connected_at, c.disconnected_at, c.disconnect_reason";

    void insert(Connection connection, ContactRow row) throws SQLException {
        Sql.update(connection, "insert into contact (id, instance_id, initiation_method, customer_number, system_number,"
                + " initiated_at, connected_at) values (?, ?, ?, ?, ?, ?, ?)",
                row.id(), row.instanceId(), row.initiationMethod(), row.customerNumber(), row.systemNumber(),
                row.initiatedAt(), row.connectedAt());
    }

    Optional<ContactRow> find(Connection connection, String instanceId, String id) throws SQLException {
        return Sql.one(connection, "select " + COLUMNS + " from contact c where c.instance_id = ? and c.id = ?",
                ContactRows::row, instanceId, id);
    }

    /** The instance of a contact, whichever it is. */
    Optional<String> instanceOf(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "select instance_id from contact where id = ?", rs -> rs.getString(1), id);
    }

    /** The instance's contacts whose {@code moment} falls in [from, to] (epoch millis), whichever their state. */
    List<ContactRow> between(Connection connection, String instanceId, ContactRow.Moment moment, long from, long to) throws SQLException {
        String column = switch (moment) {
            case INITIATED -> "c.initiated_at";
            case DISCONNECTED -> "c.disconnected_at";
        };
        return Sql.list(connection, "select " + COLUMNS + " from contact c where c.instance_id = ? and " + column + " between ? and ?",
                ContactRows::row, instanceId, from, to);
    }

    /** The instance's calls in progress (those holding a lease), on every node. */
    List<ContactRow> live(Connection connection, String instanceId) throws SQLException {
        return Sql.list(connection, "select " + COLUMNS + " from contact c join call_lease l on l.contact_id = c.id"
                + " where l.instance_id = ? order by c.initiated_at, c.id", ContactRows::row, instanceId);
    }

    void connected(Connection connection, String id, long at) throws SQLException {
        Sql.update(connection, "update contact set connected_at = ? where id = ? and connected_at is null", at, id);
    }

    void disconnected(Connection connection, String id, long at, String reason) throws SQLException {
        Sql.update(connection, "update contact set disconnected_at = ?, disconnect_reason = ? where id = ? and disconnected_at is null",
                at, reason, id);
    }

    static void dropInstance(Connection connection, String instanceId) throws SQLException {
        Sql.update(connection, "delete from contact where instance_id = ?", instanceId);
    }

    private static ContactRow row(ResultSet rs) throws SQLException {
        return new ContactRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), Sql.nullableLong(rs, 7), Sql.nullableLong(rs, 8), rs.getString(9));
    }
}
