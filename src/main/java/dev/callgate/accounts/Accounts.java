package dev.callgate.accounts;

import dev.callgate.Callgate;
import dev.callgate.store.Sql;
import dev.callgate.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;

/** The accounts Callgate has been told about; an account it has not heard of is billed by AWS. */
public final class Accounts {
    private final Store store;

    public Accounts(Store store) {
        this.store = store;
    }

    public BillingEntity billingEntity(String accountId) {
        return store.read(connection -> Sql.one(connection, "select billing_entity from account where account_id = ?",
                row -> BillingEntity.valueOf(row.getString(1)), accountId)).orElse(BillingEntity.AWS);
    }

    public void setBillingEntity(String accountId, BillingEntity entity) {
        store.inTransaction(connection -> {
            Sql.update(connection, "insert into account (account_id, billing_entity) values (?, ?) on conflict do nothing",
                    accountId, entity.name());
            Sql.update(connection, "update account set billing_entity = ? where account_id = ?", entity.name(), accountId);
            return null;
        });
    }

    /**
     * Every account Callgate has heard of, with its billing entity, in id order: told its billing entity,
     * owning an instance, or given throttle overrides.
     */
    public Map<String, BillingEntity> known() {
        Map<String, BillingEntity> known = new LinkedHashMap<>();
        store.read(connection -> Sql.list(connection, "select k.account_id, a.billing_entity from (select account_id from account"
                        + " union select account_id from instance union select account_id from throttle_override) k"
                        + " left join account a on a.account_id = k.account_id order by k.account_id",
                row -> known.put(row.getString(1), row.getString(2) == null ? BillingEntity.AWS : BillingEntity.valueOf(row.getString(2)))));
        return known;
    }

    public static boolean isAccountId(String value) {
        // Checked on every lenient AWS call: a loop, not a regex compiled each time.
        if (value == null || value.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
