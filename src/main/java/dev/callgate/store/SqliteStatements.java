package dev.callgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled statements kept per SQLite connection. SQLite compiles SQL at every prepare, and neither the pool
 * nor the driver keeps compiled statements: that was 8 % of a one-row read (bench/README.md). Each physical
 * connection keeps its last {@value #PER_CONNECTION} statements, prepared on the connection itself so that the
 * pool does not close them when the connection goes back (the pool never retires SQLite connections, so the
 * connections here stay few). A connection serves one thread at a time; a statement still in use (its rows
 * being read) is not handed out again: a nested use of the same SQL gets a statement of its own, closed after.
 */
final class SqliteStatements {
    private static final int PER_CONNECTION = 128;
    private static final Map<Connection, Map<String, Cached>> BY_CONNECTION = new ConcurrentHashMap<>();

    private SqliteStatements() {
    }

    /** A prepared statement for {@code sql} on {@code physical}; close it when done, which returns it here. */
    static Sql.Prepared prepare(Connection physical, String sql) throws SQLException {
        Map<String, Cached> cache = BY_CONNECTION.get(physical);
        if (cache == null) {
            BY_CONNECTION.keySet().removeIf(SqliteStatements::isClosed);
            cache = BY_CONNECTION.computeIfAbsent(physical, c -> lru());
        }
        Cached cached = cache.get(sql);
        if (cached == null || cached.statement.isClosed()) {
            cached = new Cached(physical.prepareStatement(sql));
            cache.put(sql, cached);
        } else if (cached.inUse) {
            return new Sql.Prepared(physical.prepareStatement(sql), null);
        }
        cached.inUse = true;
        Cached taken = cached;
        return new Sql.Prepared(taken.statement, () -> {
            taken.statement.clearParameters();
            taken.statement.clearBatch();
            taken.inUse = false;
        });
    }

    private static Map<String, Cached> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                if (size() <= PER_CONNECTION || eldest.getValue().inUse) {
                    return false;
                }
                closeQuietly(eldest.getValue().statement);
                return true;
            }
        };
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // Evicted: nothing reads it again, and its connection reports any real failure on its next use.
        }
    }

    private static final class Cached {
        private final PreparedStatement statement;
        private boolean inUse;

        Cached(PreparedStatement statement) {
            this.statement = statement;
        }
    }
}
