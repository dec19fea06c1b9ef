package dev.callgate.store;

/**
 * How many threads serve requests with the store's connections, decided in one place with the number of
 * connections because each number follows from the others (bench/journal.md, "Readers and writers"):
 * <ul>
 * <li>{@link #CONNECTIONS}: 16, as many as the benches' 16 concurrent clients can keep busy; a connection costs the
 * database a process (PostgreSQL) or its page cache (SQLite).</li>
 * <li>{@code workers} run every request that may write: every connection busy with a few requests to spare that
 * need none (throttle admission on a shared store, the operator's reads of memory); more threads would only
 * wait for a connection, each with a stack of its own.</li>
 * <li>{@code readers} run the requests that only read. With the embedded store a read is CPU work on pages in
 * memory, which two threads a core serve best; with PostgreSQL a read waits on the network, so there is a reader
 * for every connection. Never more than the connections: a reader beyond them would only wait for one.</li>
 * <li>{@code readsOnLoop}: with the embedded store, a brief read is tried on the event loop first, on a
 * connection of the loop's own, and goes to the readers only when it would wait there; a PostgreSQL read always
 * waits on the network.</li>
 * </ul>
 */
public record Pools(int workers, int readers, boolean readsOnLoop) {
    static final int CONNECTIONS = 16;
    private static final int WORKERS_WITHOUT_A_CONNECTION = 8;

    /** The pools of a server on {@code cores} cores with PostgreSQL ({@code postgres}) or the embedded store. */
    public static Pools of(boolean postgres, int cores) {
        return new Pools(CONNECTIONS + WORKERS_WITHOUT_A_CONNECTION, postgres ? CONNECTIONS : Math.min(2 * cores, CONNECTIONS), !postgres);
    }
}
