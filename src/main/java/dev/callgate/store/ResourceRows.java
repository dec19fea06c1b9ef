package dev.callgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL for the resources inside instances. */
public final class ResourceRows {

    public void insert(Connection connection, ResourceRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into resource (instance_id, kind, id, name, body, modified_at) values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, row.instanceId());
            insert.setString(2, row.kind());
            insert.setString(3, row.id());
            insert.setString(4, row.name());
            insert.setString(5, row.body());
            insert.setLong(6, row.modifiedAtMillis());
            insert.executeUpdate();
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
            try (var rs = select.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }
}
