package dev.callgate.limits.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.aws.ErrorCode;
import dev.callgate.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's rows: opened by a first charge, and routing profiles' scopes that follow their instance's applied value. */
class QuotaLedgerTest {
    @TempDir
    Path dataDir;

    private final QuotaLedger ledger = new QuotaLedger();

    @Test
    void firstChargeOpensTheRowWithItsValueAndLaterChargesCountOnIt() {
        try (Store store = memoryStore()) {
            QuotaScope account = QuotaScope.account("123456789012", "us-east-1");
            for (int i = 0; i < 2; i++) {
                store.inTransaction(c -> {
                    ledger.chargeOrOpen(c, account, Quota.INSTANCES_PER_REGION, 1, 2);
                    return null;
                });
            }
            assertThatThrownBy(() -> store.inTransaction(c -> {
                ledger.chargeOrOpen(c, account, Quota.INSTANCES_PER_REGION, 1, 2);
                return null;
            })).isInstanceOf(QuotaExceeded.class).hasMessageContaining("is 2 for account 123456789012 in us-east-1 and its usage is 2");
            QuotaLedger.Usage usage = store.read(c -> ledger.usage(c, account, Quota.INSTANCES_PER_REGION));
            assertThat(usage).isEqualTo(new QuotaLedger.Usage(2, 2));

            QuotaScope none = QuotaScope.account("999999999999", "us-east-1");
            assertThatThrownBy(() -> store.inTransaction(c -> {
                ledger.chargeOrOpen(c, none, Quota.INSTANCES_PER_REGION, 1, 0);
                return null;
            })).isInstanceOf(QuotaExceeded.class).hasMessageContaining("is 0 for account 999999999999 in us-east-1 and its usage is 0");
        }
    }

    @Test
    void routingProfileScopeTakesTheInstancesNewValueAndIsDroppedWithIt() {
        try (Store store = memoryStore()) {
            QuotaScope instance = QuotaScope.instance("i-1");
            QuotaScope profile = QuotaScope.routingProfile("i-1", "rp-1");
            store.inTransaction(c -> {
                ledger.open(c, instance, Quota.QUEUES_PER_ROUTING_PROFILE, 2, 0);
                ledger.open(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE, 2, 0);
                ledger.charge(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE, 2);
                return null;
            });
            assertThatThrownBy(() -> store.inTransaction(c -> {
                ledger.charge(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE, 1);
                return null;
            })).isInstanceOfSatisfying(QuotaExceeded.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                assertThat(e.getMessage()).isEqualTo("Queues per routing profile (L-516BC0EB) is 2 for routing profile rp-1"
                        + " and its usage is 2: the limit has been reached.");
            });

            store.inTransaction(c -> {
                ledger.setLimit(c, instance, Quota.QUEUES_PER_ROUTING_PROFILE, 3);
                ledger.charge(c, profile, Quota.QUEUES_PER_ROUTING_PROFILE, 1);
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

    @Test
    void usagesOfManyScopesAreReadAFewScopesPerStatement() {
        QuotaLedger chunked = new QuotaLedger(2);
        try (Store store = memoryStore()) {
            List<QuotaScope> scopes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                scopes.add(QuotaScope.account("12345678901" + i, "us-east-1"));
            }
            store.inTransaction(c -> {
                for (int i = 0; i < 4; i++) {   // the fifth stays unopened
                    chunked.chargeOrOpen(c, scopes.get(i), Quota.INSTANCES_PER_REGION, 1, 10 + i);
                }
                return null;
            });

            Map<QuotaScope, Map<Quota, QuotaLedger.Usage>> usages = store.read(c -> chunked.usages(c, scopes,
                    (scope, quota) -> new QuotaLedger.Usage(0, 99)));

            assertThat(usages).hasSize(5);
            for (int i = 0; i < 4; i++) {
                assertThat(usages.get(scopes.get(i))).containsEntry(Quota.INSTANCES_PER_REGION, new QuotaLedger.Usage(1, 10 + i));
            }
            assertThat(usages.get(scopes.get(4))).containsEntry(Quota.INSTANCES_PER_REGION, new QuotaLedger.Usage(0, 99));
        }
    }

    private Store memoryStore() {
        return Store.open(Store.embeddedUrl(dataDir));
    }
}
