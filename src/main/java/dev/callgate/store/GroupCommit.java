package dev.callgate.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for the embedded H2 store: transactions commit in memory, and each waits, before it is
 * acknowledged, until one write of the store to its file covers it. While one write runs, the
 * transactions that commit meanwhile queue up and share the next one, so under load one write serves
 * many commits instead of one each, and an acknowledged write still survives kill -9.
 */
final class GroupCommit implements AutoCloseable {
    private final Connection flusher;
    private final AtomicLong committed = new AtomicLong();
    private long written; // guarded by this

    GroupCommit(String jdbcUrl) throws SQLException {
        this.flusher = DriverManager.getConnection(jdbcUrl);
    }

    /** Returns once every transaction that committed before this call is in the file. */
    void awaitWritten() throws SQLException {
        long mine = committed.incrementAndGet();
        synchronized (this) {
            if (written >= mine) {
                return;
            }
            long upTo = committed.get();
            try (Statement checkpoint = flusher.createStatement()) {
                checkpoint.execute("checkpoint"); // H2 writes the store's changes to the file
            }
            written = upTo;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        flusher.close();
    }
}
