package dev.callgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The SQL store: embedded H2 in a file by default, PostgreSQL when several nodes share state. The
 * same migrations and statements serve both (H2 runs in its PostgreSQL mode).
 */
public final class Store implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 8;
    // The throttle's tables are emptied by ApiThrottle.reset, with the buckets and caches they back.
    private static final List<String> TABLES = List.of("change_request", "instance_dialing_rule", "edition", "edition_choice", "resource_ref", "phone_number_taken", "resource", "quota_usage", "instance", "account");

    private final HikariDataSource dataSource;
    private final boolean postgres;
    /** H2 only: PostgreSQL's commit is durable by itself. */
    private final GroupCommit groupCommit;

    private Store(HikariDataSource dataSource, boolean postgres, GroupCommit groupCommit) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.groupCommit = groupCommit;
    }

    /** The embedded store of a data directory. */
    public static String embeddedUrl(Path dataDir) {
        // WRITE_DELAY is H2's own background write; acknowledged commits do not wait for it (GroupCommit).
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("callgate")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";LOCK_TIMEOUT=30000;WRITE_DELAY=500";
    }

    /** Opens the store at a JDBC URL (a PostgreSQL URL carries its own user and password) and migrates it. */
    public static Store open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(16);
        config.setAutoCommit(true);
        config.setPoolName("callgate-store");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).load().migrate();
            boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
            return new Store(dataSource, postgres, postgres ? null : new GroupCommit(jdbcUrl));
        } catch (SQLException e) {
            dataSource.close();
            throw new StoreException(e);
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** The pool itself, for a library that runs its own SQL (Bucket4j's shared throttle buckets). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction, retrying it when the database reports a deadlock, and
     * returns once the commit is durable.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        T result = commit(work);
        if (groupCommit != null) {
            try {
                groupCommit.awaitWritten(); // after the connection went back: waiting holds none
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        }
        return result;
    }

    private <T> T commit(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (!isRetryable(e) || attempt == MAX_ATTEMPTS) {
                    throw new StoreException(e);
                }
            }
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode: for reads only (a write here would not wait to be durable). */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Empties every table: the operator's reset for test suites. */
    public void reset() {
        inTransaction(connection -> {
            for (String table : TABLES) {
                Sql.update(connection, "delete from " + table);
            }
            return null;
        });
    }

    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        // 40001: serialization failure / H2 deadlock; 40P01: PostgreSQL deadlock; HYT00: H2 lock timeout.
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state);
    }

    @Override
    public void close() {
        try {
            if (groupCommit != null) {
                groupCommit.close();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            dataSource.close();
        }
    }

    /** A unit of work against one connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
