package dev.callgate.limits.quota;

import dev.callgate.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The usage of every quota, counted in the database. A charge is one conditional update
 * ({@code used < quota_limit}) in the caller's transaction, next to the insert it pays for, so the
 * count holds under any concurrency, on one node or many, and can never drift from the rows it
 * counts: if the insert fails, the charge rolls back with it.
 */
public final class QuotaLedger {
    /** Scopes read by one statement of {@link #usages(Connection, List, Unopened)}: far below any driver's limit of parameters (PostgreSQL's 32,767). */
    private static final int SCOPES_PER_STATEMENT = 500;

    private final int scopesPerStatement;

    public QuotaLedger() {
        this(SCOPES_PER_STATEMENT);
    }

    QuotaLedger(int scopesPerStatement) {
        this.scopesPerStatement = scopesPerStatement;
    }

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

    /**
     * The usage and applied value of every quota applied in a scope: its ledger row, or what
     * {@code unopened} answers before the row is opened (an account's quotas open at their first
     * charge or approval; the value until then is the current edition's default).
     */
    public Map<Quota, Usage> usages(Connection connection, QuotaScope scope, Unopened unopened) throws SQLException {
        return usages(connection, List.of(scope), unopened).get(scope);
    }

    /** The same for several scopes of one kind (every account's regions), read a few hundred scopes per query. */
    public Map<QuotaScope, Map<Quota, Usage>> usages(Connection connection, List<QuotaScope> scopes, Unopened unopened)
            throws SQLException {
        Map<String, QuotaScope> byKey = new LinkedHashMap<>();
        scopes.forEach(scope -> byKey.put(scope.key(), scope));
        Map<QuotaScope, Map<Quota, Usage>> usages = new LinkedHashMap<>();
        scopes.forEach(scope -> usages.put(scope, new EnumMap<>(Quota.class)));
        List<String> keys = List.copyOf(byKey.keySet());
        for (int from = 0; from < keys.size(); from += scopesPerStatement) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + scopesPerStatement));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            for (Row row : Sql.list(connection, "select scope, quota, used, quota_limit from quota_usage where scope in (" + marks + ")",
                    r -> new Row(r.getString(1), Quota.valueOf(r.getString(2)), new Usage(r.getLong(3), r.getLong(4))),
                    chunk.toArray())) {
                usages.get(byKey.get(row.scope())).put(row.quota(), row.usage());
            }
        }
        usages.forEach((scope, found) -> {
            for (Quota quota : Quota.values()) {
                if (quota.scope().appliedIn() == scope.kind() && !found.containsKey(quota)) {
                    found.put(quota, unopened.usage(scope, quota));
                }
            }
        });
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

    /** What a quota of a scope holds before its ledger row is opened. */
    @FunctionalInterface
    public interface Unopened {
        Usage usage(QuotaScope scope, Quota quota);

        /** Unused, at the value {@code defaults} gives (the current edition's). */
        static Unopened unused(ToLongFunction<Quota> defaults) {
            return (scope, quota) -> new Usage(0, defaults.applyAsLong(quota));
        }
    }

    private record Row(String scope, Quota quota, Usage usage) {
    }

    /** A quota's usage and applied value. */
    public record Usage(long used, long limit) {
    }
}
