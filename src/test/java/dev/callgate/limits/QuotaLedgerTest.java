package dev.callgate.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.errors.ErrorCode;
import dev.callgate.store.Store;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sub-scopes (a quota counted inside one resource) follow their instance's applied value and go with it. */
class QuotaLedgerTest {
    private final QuotaLedger ledger = new QuotaLedger();

    @Test
    void subScopeTakesTheInstancesNewValueAndIsDroppedWithIt() {
        try (Store store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", null, null)) {
            String instance = "i-1";
            String profile = QuotaLedger.subScope(instance, "ROUTING_PROFILE", "rp-1");
            store.inTransaction(c -> {
                ledger.open(c, instance, Quota.QUEUES_PER_ROUTING_PROFILE, 2, 0);
                ledger.open(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE, 2, 0);
                ledger.charge(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE, 2, "for routing profile rp-1");
                return null;
            });
            assertThatThrownBy(() -> store.inTransaction(c -> {
                ledger.charge(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE, 1, "for routing profile rp-1");
                return null;
            })).isInstanceOfSatisfying(QuotaExceeded.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                assertThat(e.getMessage()).isEqualTo("Queues per routing profile (L-516BC0EB) is 2 for routing profile rp-1"
                        + " and its usage is 2: the limit has been reached.");
            });

            store.inTransaction(c -> {
                ledger.setLimit(c, instance, Quota.QUEUES_PER_ROUTING_PROFILE, 3);
                ledger.charge(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE, 1, "for routing profile rp-1");
                return null;
            });
            QuotaLedger.Usage usage = store.read(c -> ledger.usage(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE));
            assertThat(usage).isEqualTo(new QuotaLedger.Usage(3, 3));

            store.inTransaction(c -> {
                ledger.dropScope(c, instance);
                return null;
            });
            assertThatThrownBy(() -> store.read(c -> ledger.usage(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
