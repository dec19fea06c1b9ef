package dev.callgate.limits.throttle;

import dev.callgate.limits.edition.Edition;
import dev.callgate.store.Sql;
import dev.callgate.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The operator's per-account throttle overrides, in the store: they survive a restart and every node
 * sees them. Each change bumps the account's revision in the same transaction, so a bucket configured
 * at an older revision knows to take the new rate at its next call.
 *
 * <p>On one node (the embedded store) every change passes through this object, so an account's overrides are read
 * once and then cached; on several nodes (PostgreSQL) another node may change them at any moment, so
 * they are read at every call, in one statement with their revision.
 */
final class ThrottleOverrides {
    private final Store store;
    private final ConcurrentMap<String, Account> cache;

    ThrottleOverrides(Store store, boolean cached) {
        this.store = store;
        this.cache = cached ? new ConcurrentHashMap<>() : null;
    }

    /** An account's overrides by operation (unscaled), at the revision they were read at. */
    record Account(long revision, Map<String, Edition.Rate> byOperation) {
    }

    Account of(String accountId) {
        // Loaded inside computeIfAbsent: a change's invalidation waits for a load in progress, so no stale entry survives it.
        return cache == null ? load(accountId) : cache.computeIfAbsent(accountId, this::load);
    }

    /** Whether {@link #of} answers from memory, without a read of the store. */
    boolean isCached(String accountId) {
        return cache != null && cache.containsKey(accountId);
    }

    void put(String accountId, String operation, Edition.Rate rate) {
        change(accountId, connection -> write(connection, accountId, operation, rate));
    }

    /**
     * Writes an override in the caller's transaction (an approved request's); the caller then calls
     * {@link #forget} once it has committed.
     */
    void put(Connection connection, String accountId, String operation, Edition.Rate rate) throws SQLException {
        bump(connection, accountId);
        write(connection, accountId, operation, rate);
    }

    /** Drops the cached overrides of an account changed in a transaction of the caller's. */
    void forget(String accountId) {
        if (cache != null) {
            cache.remove(accountId);
        }
    }

    private static void write(Connection connection, String accountId, String operation, Edition.Rate rate) throws SQLException {
        Sql.update(connection, "delete from throttle_override where account_id = ? and operation = ?", accountId, operation);
        Sql.update(connection, "insert into throttle_override (account_id, operation, rate, burst) values (?, ?, ?, ?)",
                accountId, operation, rate.rate(), rate.burst());
    }

    void clear(String accountId) {
        change(accountId, connection -> Sql.update(connection, "delete from throttle_override where account_id = ?", accountId));
    }

    /** Drops every override. Revisions only go up, so no bucket left at an older one can pass for current. */
    void reset() {
        store.inTransaction(connection -> {
            Sql.update(connection, "delete from throttle_override");
            Sql.update(connection, "update throttle_revision set revision = revision + 1");
            return null;
        });
        if (cache != null) {
            cache.clear();
        }
    }

    /** Applies a change after bumping the account's revision, whose row lock also serializes concurrent changes. */
    private void change(String accountId, Change change) {
        store.inTransaction(connection -> {
            bump(connection, accountId);
            change.apply(connection);
            return null;
        });
        forget(accountId);
    }

    private static void bump(Connection connection, String accountId) throws SQLException {
        Sql.update(connection, "insert into throttle_revision (account_id, revision) values (?, 0) on conflict do nothing", accountId);
        Sql.update(connection, "update throttle_revision set revision = revision + 1 where account_id = ?", accountId);
    }

    private Account load(String accountId) {
        List<OverrideRow> rows = store.read(connection -> Sql.list(connection, "select r.revision, o.operation, o.rate, o.burst"
                + " from throttle_revision r left join throttle_override o on o.account_id = r.account_id"
                + " where r.account_id = ?",
                row -> new OverrideRow(row.getLong(1), row.getString(2), new Edition.Rate(row.getLong(3), row.getLong(4))),
                accountId));
        long revision = 0;
        Map<String, Edition.Rate> byOperation = new HashMap<>();
        for (OverrideRow row : rows) {
            revision = row.revision();
            if (row.operation() != null) {
                byOperation.put(row.operation(), row.rate());
            }
        }
        return new Account(revision, Map.copyOf(byOperation));
    }

    /** A row of {@link #load}: the account's revision, and an override or none (operation null) by the left join. */
    private record OverrideRow(long revision, String operation, Edition.Rate rate) {
    }

    @FunctionalInterface
    private interface Change {
        void apply(Connection connection) throws SQLException;
    }
}
