package dev.callgate.accounts;

import dev.callgate.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The accounts Callgate has been told about; an account it has not heard of is billed by AWS. */
public final class Accounts {
    private final Store store;

    public Accounts(Store store) {
        this.store = store;
    }

    public BillingEntity billingEntity(String accountId) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select billing_entity from account where account_id = ?")) {
                select.setString(1, accountId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? BillingEntity.valueOf(row.getString(1)) : BillingEntity.AWS;
                }
            }
        });
    }

    public void setBillingEntity(String accountId, BillingEntity entity) {
        store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into account (account_id, billing_entity) values (?, ?) on conflict do nothing");
                 PreparedStatement update = connection.prepareStatement(
                    "update account set billing_entity = ? where account_id = ?")) {
                insert.setString(1, accountId);
                insert.setString(2, entity.name());
                insert.executeUpdate();
                update.setString(1, entity.name());
                update.setString(2, accountId);
                update.executeUpdate();
            }
            return null;
        });
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
