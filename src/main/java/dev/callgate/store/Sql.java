package dev.callgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One prepared statement per call: the parameters are bound in order by their Java type (String,
 * Long, Integer, Boolean, or null) and the statement is closed before the call returns (on SQLite, given back
 * to its connection's {@link SqliteStatements} to be used again). The caller's
 * connection, and so its transaction, is used as is.
 *
 * <p>{@code for update} is PostgreSQL's row lock; SQLite has no such clause and needs none (each of
 * its transactions holds the database's one write lock from its start), so it is dropped there.
 */
public final class Sql {

    private static final String FOR_UPDATE = " for update";

    private Sql() {
    }

    /**
     * A LIMIT clause for at most {@code rows} rows, written into the statement rather than bound: with a bound
     * LIMIT a five-row page cost SQLite twice as much, all else equal (bench/journal.md, "Against the targets"),
     * as if the statement were compiled again at each execution, which binds its parameters anew.
     */
    public static String limit(int rows) {
        return " limit " + rows;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs an insert, update or delete; returns the number of rows it changed. */
    public static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (Prepared prepared = prepare(connection, sql)) {
            PreparedStatement statement = prepared.statement();
            bind(statement, params);
            return statement.executeUpdate();
        }
    }

    /** Runs one statement for every item, in one batch, with the parameters {@code params} gives for it. */
    public static <T> void batch(Connection connection, String sql, List<T> items, Function<T, Object[]> params)
            throws SQLException {
        try (Prepared prepared = prepare(connection, sql)) {
            PreparedStatement statement = prepared.statement();
            for (T item : items) {
                bind(statement, params.apply(item));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Every row a query returns, mapped, in the query's order. */
    public static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (Prepared prepared = prepare(connection, sql)) {
            PreparedStatement statement = prepared.statement();
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> mapped = new ArrayList<>();
                while (rows.next()) {
                    mapped.add(mapper.map(rows));
                }
                return mapped;
            }
        }
    }

    /** The first row a query returns, mapped; empty when it returns none (or the mapped value is null). */
    public static <T> Optional<T> one(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (Prepared prepared = prepare(connection, sql)) {
            PreparedStatement statement = prepared.statement();
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
            }
        }
    }

    private static Prepared prepare(Connection connection, String sql) throws SQLException {
        if (!connection.isWrapperFor(SqliteSource.Kept.class)) { // every SQLite connection of a Store is one
            return new Prepared(connection.prepareStatement(sql), null); // PostgreSQL's driver keeps its own
        }
        String text = sql.endsWith(FOR_UPDATE) ? sql.substring(0, sql.length() - FOR_UPDATE.length()) : sql;
        return connection.unwrap(SqliteSource.Kept.class).statements().prepare(text);
    }

    /** A statement to use once: closed after, or given back to its cache ({@code release}) if it came from one. */
    record Prepared(PreparedStatement statement, Release release) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (release == null) {
                statement.close();
            } else {
                release.run();
            }
        }
    }

    @FunctionalInterface
    interface Release {
        void run() throws SQLException;
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bind(statement, i + 1, params[i]);
        }
    }

    private static void bind(PreparedStatement statement, int index, Object param) throws SQLException {
        if (param == null) {
            // Only text columns are ever bound null here; as VARCHAR, as setString(index, null) binds it.
            statement.setNull(index, Types.VARCHAR);
        } else if (param instanceof String text) {
            statement.setString(index, text);
        } else if (param instanceof Long number) {
            statement.setLong(index, number);
        } else if (param instanceof Integer number) {
            statement.setInt(index, number);
        } else if (param instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else {
            throw new IllegalArgumentException("Cannot bind a " + param.getClass().getName());
        }
    }

    /** A nullable integer column: drivers differ on {@code getObject(column, Long.class)} for SQL NULL (SQLite's refuses it). */
    public static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
