package dev.callgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compiled statements one SQLite connection keeps. SQLite compiles SQL at every prepare, and neither the
 * pool nor the driver keeps compiled statements: that was 8 % of a one-row read (bench/journal.md). Each
 * connection ({@link SqliteSource.Kept}) keeps its last {@value #KEPT} statements, prepared on the connection
 * itself so that the pool does not close them when the connection goes back (the pool never retires SQLite
 * connections). A connection serves one thread at a time; a statement still in use (its rows being read) is
 * not handed out again: a nested use of the same SQL gets a statement of its own, closed after.
 */
final class SqliteStatements {
    private static final int KEPT = 128;
    private final Connection connection;
    private final Map<String, Cached> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            if (size() <= KEPT || eldest.getValue().inUse) {
                return false;
            }
            closeQuietly(eldest.getValue().statement);
            return true;
        }
    };

    SqliteStatements(Connection connection) {
        this.connection = connection;
    }

    /** A prepared statement for {@code sql}; close it when done, which returns it here. */
    Sql.Prepared prepare(String sql) throws SQLException {
        Cached cached = kept.get(sql);
        if (cached == null || cached.statement.isClosed()) {
            cached = new Cached(connection.prepareStatement(sql));
            kept.put(sql, cached);
        } else if (cached.inUse) {
            return new Sql.Prepared(connection.prepareStatement(sql), null);
        }
        cached.inUse = true;
        Cached taken = cached;
        return new Sql.Prepared(taken.statement, () -> {
            taken.statement.clearParameters();
            taken.statement.clearBatch();
            taken.inUse = false;
        });
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
