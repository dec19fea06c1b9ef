package dev.callgate.limits.quota;

import dev.callgate.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage of every quota, counted in the database. A charge is one conditional update
 * ({@code used < quota_limit}) in the caller's transaction, next to the insert it pays for, so the
 * count holds under any concurrency, on one node or many, and can never drift from the rows it
 * counts: if the insert fails, the charge rolls back with it.
 */
public final class QuotaLedger {

    /** Opens a quota's row with its applied value and initial usage (e.g. a routing profile's entries). */
    public void open(Connection connection, QuotaScope scope, Quota quota, long limit, long used) throws SQLException {
        open(connection, List.of(new Opening(scope, quota, limit, used)));
    }

    /** Opens several rows in one batch (an instance's quotas). */
    public void open(Connection connection, List<Opening> openings) throws SQLException {
        Sql.batch(connection, "insert into quota_usage (scope, quota, used, quota_limit) values (?, ?, ?, ?)", openings,
                opening -> new Object[] {opening.scope().key(), opening.quota().name(), opening.used(), opening.limit()});
    }

    /**
     * Charges a quota whose row may not exist yet (an account's, opened by its first charge with
     * {@code limit}), in the caller's transaction: a concurrent first charge waits for the row's insert
     * to end, then charges the row as any later charge does.
     */
    public void chargeOrOpen(Connection connection, QuotaScope scope, Quota quota, long amount, long limit)
            throws SQLException {
        if (tryCharge(connection, scope, quota, amount)) {
            return;
        }
        long used = amount <= limit ? amount : 0;
        if (Sql.update(connection, "insert into quota_usage (scope, quota, used, quota_limit) values (?, ?, ?, ?) on conflict do nothing",
                scope.key(), quota.name(), used, limit) == 1 && used == amount) {
            return;
        }
        charge(connection, scope, quota, amount);
    }

    /**
     * Takes {@code amount} units of the quota or refuses with the quota's modelled error.
     */
    public void charge(Connection connection, QuotaScope scope, Quota quota, long amount) throws SQLException {
        if (tryCharge(connection, scope, quota, amount)) {
            return;
        }
        Usage usage = usage(connection, scope, quota);
        throw amount == 1 ? new QuotaExceeded(quota, usage.limit(), usage.used(), scope.describe())
                : new QuotaExceeded(quota, usage.limit(), usage.used(), amount, scope.describe());
    }

    private static boolean tryCharge(Connection connection, QuotaScope scope, Quota quota, long amount) throws SQLException {
        return Sql.update(connection, "update quota_usage set used = used + ? where scope = ? and quota = ? and used + ? <= quota_limit",
                amount, scope.key(), quota.name(), amount) == 1;
    }

    /** Gives back units taken by {@link #charge}: the resource they paid for is gone. */
    public void release(Connection connection, QuotaScope scope, Quota quota, long amount) throws SQLException {
        if (Sql.update(connection, "update quota_usage set used = used - ? where scope = ? and quota = ? and used >= ?",
                amount, scope.key(), quota.name(), amount) != 1) {
            throw new IllegalStateException("Quota ledger " + scope + "/" + quota + " would go below zero");
        }
    }

    /** Opens a row with no usage unless it exists: an account's row takes an approved value before its first charge. */
    public void openIfAbsent(Connection connection, QuotaScope scope, Quota quota, long limit) throws SQLException {
        Sql.update(connection, "insert into quota_usage (scope, quota, used, quota_limit) values (?, ?, 0, ?) on conflict do nothing",
                scope.key(), quota.name(), limit);
    }

    /** Changes the applied value, e.g. after an approved increase, in the scope and the scopes inside it. */
    public void setLimit(Connection connection, QuotaScope scope, Quota quota, long limit) throws SQLException {
        Sql.update(connection, "update quota_usage set quota_limit = ? where (scope = ? or scope like ?) and quota = ?",
                limit, scope.key(), scope.inside(), quota.name());
    }

    public Usage usage(Connection connection, QuotaScope scope, Quota quota) throws SQLException {
        return Sql.one(connection, "select used, quota_limit from quota_usage where scope = ? and quota = ?",
                        row -> new Usage(row.getLong(1), row.getLong(2)), scope.key(), quota.name())
                .orElseThrow(() -> new IllegalStateException("No quota ledger row for " + scope + "/" + quota));
    }

    /** Every quota counted in a scope, with its usage and applied value. */
    public Map<Quota, Usage> usages(Connection connection, QuotaScope scope) throws SQLException {
        Map<Quota, Usage> usages = new EnumMap<>(Quota.class);
        for (Map.Entry<Quota, Usage> usage : Sql.list(connection, "select quota, used, quota_limit from quota_usage where scope = ?",
                row -> Map.entry(Quota.valueOf(row.getString(1)), new Usage(row.getLong(2), row.getLong(3))), scope.key())) {
            usages.put(usage.getKey(), usage.getValue());
        }
        return usages;
    }

    /** A quota's usage in each scope inside a scope (an instance's routing profiles). */
    public Map<QuotaScope, Long> usagesInside(Connection connection, QuotaScope scope, Quota quota) throws SQLException {
        Map<QuotaScope, Long> usages = new LinkedHashMap<>();
        for (Map.Entry<String, Long> usage : Sql.list(connection, "select scope, used from quota_usage where scope like ? and quota = ? order by scope",
                row -> Map.entry(row.getString(1), row.getLong(2)), scope.inside(), quota.name())) {
            usages.put(QuotaScope.parse(usage.getKey()), usage.getValue());
        }
        return usages;
    }

    /** Drops every row of a scope and of the scopes inside it: the instance (or routing profile) it belonged to is deleted. */
    public void dropScope(Connection connection, QuotaScope scope) throws SQLException {
        Sql.update(connection, "delete from quota_usage where scope = ? or scope like ?", scope.key(), scope.inside());
    }

    /** A row to open: its scope, quota, applied value and initial usage. */
    public record Opening(QuotaScope scope, Quota quota, long limit, long used) {
    }

    /** A quota's usage and applied value. */
    public record Usage(long used, long limit) {
    }
}
