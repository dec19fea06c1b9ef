package dev.callgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.callgate.loop.LoopAttempt;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQL store: embedded SQLite in the data directory by default, PostgreSQL when several nodes
 * share state. The same migrations and statements serve both. A transaction returns only once its
 * commit is durable: PostgreSQL's commit is; SQLite runs in WAL mode with synchronous=FULL, so every
 * commit is fsynced before it returns (docs/durability.md). The one exception is asked for by name:
 * {@link #inTransactionWithoutFsync}, for the rows of live calls, which do not outlive their node.
 */
public final class Store implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 8;
    // The throttle's tables are emptied by ApiThrottle.reset, with the buckets and caches they back.
    private static final List<String> TABLES = List.of("change_request", "request_account", "instance_dialing_rule", "edition", "edition_choice",
            "resource_ref", "phone_number_taken", "resource", "quota_usage", "instance", "account", "contact", "call_lease");
    static final String FILE = "callgate.db";
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final HikariDataSource dataSource;
    /**
     * Embedded: one connection with synchronous=NORMAL (a commit is not fsynced); one is enough, as its writers
     * take their turn in {@link #writers} with every other. PostgreSQL: {@link #dataSource}.
     */
    private final HikariDataSource unsynced;
    /**
     * Embedded only: the queue of write transactions. SQLite has one write lock, and its busy handler makes a
     * waiting writer sleep in growing steps (up to 100 ms) while writers that come later take the lock: under
     * 16 concurrent CreateInstance calls the p90 was 333 ms and the p99 1 s against a p50 of 4 ms
     * (bench/journal.md, "Against the targets"). Here writers wait in arrival order and go the moment the one before them
     * commits, before they take a connection, so a waiting writer never holds one a read needs.
     * PostgreSQL locks rows, not the whole database: no queue (null).
     */
    private final Lock writers;
    private final boolean postgres;
    /** Embedded only: this server's hold on its data directory. */
    private final DataDirLock dataDirLock;
    /** Embedded only: where the event loops' own read-only connections come from (null: PostgreSQL). */
    private final SqliteSource loopSource;
    /** Each event loop's own connection, opened at its first read there ({@link #readOnLoop}). */
    private final ThreadLocal<Connection> loopConnection = new ThreadLocal<>();
    private final Queue<Connection> loopConnections = new ConcurrentLinkedQueue<>();

    private Store(HikariDataSource dataSource, HikariDataSource unsynced, String jdbcUrl, DataDirLock dataDirLock) {
        this.dataSource = dataSource;
        this.unsynced = unsynced;
        this.postgres = isPostgres(jdbcUrl);
        this.dataDirLock = dataDirLock;
        this.writers = postgres ? null : new ReentrantLock(true);
        this.loopSource = postgres ? null : new SqliteSource(jdbcUrl, sqliteForTheLoop());
    }

    private static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The embedded store's file in a data directory. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve(FILE);
    }

    /** The embedded store of a data directory, which this server then holds until {@link #close()}. */
    public static Store openEmbedded(Path dataDir) {
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            EmptyStore.plantIfNew(dataDir.toAbsolutePath());
            return open(embeddedUrl(dataDir), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Opens the store at a JDBC URL (a PostgreSQL URL carries its own user and password) and migrates it. */
    public static Store open(String jdbcUrl) {
        return open(jdbcUrl, null);
    }

    private static Store open(String jdbcUrl, DataDirLock lock) {
        boolean postgres = isPostgres(jdbcUrl);
        HikariDataSource dataSource = new HikariDataSource(pool(jdbcUrl, "callgate-store", Pools.CONNECTIONS, postgres ? null : "FULL"));
        HikariDataSource unsynced = null;
        try {
            if (!Migrations.areApplied(dataSource)) {
                // One transaction for every pending migration (both stores have transactional DDL): an upgrade
                // applies whole or not at all, and a first start commits (and fsyncs) once rather than per migration.
                Flyway.configure().dataSource(dataSource).group(true)
                        .resourceProvider(new Migrations()).javaMigrationClassProvider(List::of)
                        .load().migrate();
            }
            unsynced = postgres ? dataSource : new HikariDataSource(pool(jdbcUrl, "callgate-store-unsynced", 1, "NORMAL"));
            return new Store(dataSource, unsynced, jdbcUrl, lock);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** A pool of connections; {@code synchronous} is SQLite's setting for them (null: PostgreSQL). */
    private static HikariConfig pool(String jdbcUrl, String name, int size, String synchronous) {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(size);
        config.setAutoCommit(true);
        config.setPoolName(name);
        if (synchronous == null) {
            config.setJdbcUrl(jdbcUrl);
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        } else {
            // A local file's connection never goes stale, and keeping each one keeps its compiled statements.
            config.setMaxLifetime(0);
            config.setDataSource(new SqliteSource(jdbcUrl, sqlite(synchronous)));
        }
        return config;
    }

    /**
     * SQLite's settings. WAL with synchronous=FULL: a commit is in the fsynced log before it returns
     * (NORMAL: in the log, which the OS holds until the next fsync; a later FULL commit fsyncs it too).
     * Every transaction begins IMMEDIATE, taking the one write lock at its start, so transactions run
     * one after another (what the row locks of {@code for update} give on PostgreSQL) and never fail
     * to upgrade a read to a write; a writer waits for the lock up to busy_timeout (in the writers' queue first, as
     * long again at most). LIKE is made case
     * sensitive, as PostgreSQL's is (it matches scope prefixes, which are ids).
     */
    private static Properties sqlite(String synchronous) {
        Properties settings = new Properties();
        settings.setProperty("journal_mode", "WAL");
        settings.setProperty("synchronous", synchronous);
        settings.setProperty("transaction_mode", "IMMEDIATE");
        settings.setProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
        settings.setProperty("case_sensitive_like", "true");
        return settings;
    }

    /**
     * An event loop's connection: it never waits for SQLite's busy handler (a read that meets a lock hands off
     * instead) and refuses every write (query_only), so a read that would write hands off too. WAL is the
     * database file's own mode, set by the pool's first connection.
     */
    private static Properties sqliteForTheLoop() {
        Properties settings = new Properties();
        settings.setProperty("busy_timeout", "0");
        settings.setProperty("case_sensitive_like", "true");
        return settings;
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
        return transaction(dataSource, work);
    }

    /**
     * Runs {@code work} in one transaction as {@link #inTransaction} does, but the embedded store does not
     * fsync its commit: it survives the process (killed in any way), not a crash of the machine, which may
     * take it back whole (never half of it). For what is worth no more than the node it runs on: a live
     * call's lease, which the call cannot outlive (docs/durability.md). PostgreSQL commits it durably.
     */
    public <T> T inTransactionWithoutFsync(SqlWork<T> work) {
        return transaction(unsynced, work);
    }

    private <T> T transaction(DataSource pool, SqlWork<T> work) {
        if (LoopAttempt.mustNotWait()) {
            throw new LoopAttempt.WouldWait("a transaction may wait for a connection, the write lock and an fsync");
        }
        if (writers == null) {
            return attempts(pool, work);
        }
        awaitTurn();
        try {
            return attempts(pool, work);
        } finally {
            writers.unlock();
        }
    }

    /** A writer waits its turn as long as SQLite's own busy_timeout would have let it, then fails, never hangs. */
    private void awaitTurn() {
        try {
            if (writers.tryLock(BUSY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new StoreException(new SQLException("The store's write lock stayed busy for " + BUSY_TIMEOUT_MILLIS + " ms"));
    }

    private static <T> T attempts(DataSource pool, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
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

    /**
     * Runs {@code work} on a connection in auto-commit mode: for reads (and writes that need no transaction). On
     * an event loop ({@link LoopAttempt}) it runs on the loop's own connection, or hands off.
     */
    public <T> T read(SqlWork<T> work) {
        if (LoopAttempt.mustNotWait()) {
            return readOnLoop(work);
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * A read on the calling event loop's own connection, outside the pool, so that it never waits for one that
     * writes hold. A read that writes, or meets a lock, hands off: it is run again on a reader.
     */
    private <T> T readOnLoop(SqlWork<T> work) {
        if (loopSource == null) {
            throw new LoopAttempt.WouldWait("a PostgreSQL read waits on the network");
        }
        try {
            return work.run(loopConnection());
        } catch (SQLException e) {
            if (e instanceof SQLiteException sqlite && (lockedOut(sqlite) || sqlite.getResultCode().code % 256 == SQLiteErrorCode.SQLITE_READONLY.code)) {
                throw new LoopAttempt.WouldWait(sqlite.getMessage());
            }
            throw new StoreException(e);
        }
    }

    private Connection loopConnection() throws SQLException {
        Connection connection = loopConnection.get();
        if (connection == null) {
            connection = loopSource.getConnection();
            try (var statement = connection.createStatement()) {
                statement.execute("pragma query_only = true");
            }
            loopConnection.set(connection);
            loopConnections.add(connection);
        }
        return connection;
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
        if (e instanceof SQLiteException sqlite) {
            return sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return "23505".equals(e.getSQLState());
    }

    private static boolean isRetryable(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            // The write lock stayed busy beyond busy_timeout.
            return lockedOut(sqlite);
        }
        String state = e.getSQLState();
        // 40001: serialization failure; 40P01: PostgreSQL deadlock.
        return "40001".equals(state) || "40P01".equals(state);
    }

    private static boolean lockedOut(SQLiteException e) {
        return e.getResultCode().code % 256 == SQLiteErrorCode.SQLITE_BUSY.code;
    }

    @Override
    public void close() {
        try {
            closeLoopConnections();
            if (unsynced != dataSource) {
                unsynced.close();
            }
            dataSource.close(); // SQLite checkpoints its log into the database file as the last connection closes
        } finally {
            if (dataDirLock != null) {
                dataDirLock.close();
            }
        }
    }

    /** Called once the front has stopped: no loop reads any more. */
    private void closeLoopConnections() {
        for (Connection connection = loopConnections.poll(); connection != null; connection = loopConnections.poll()) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // It only ever read: nothing of it is lost, and the pool's connections close next.
            }
        }
    }

    /** A unit of work against one connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
