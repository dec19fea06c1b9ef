package dev.callgate.limits.quota;

import dev.callgate.testing.Stores;

class QuotaRacePostgresTest extends QuotaRaceTest {
    @Override
    protected String storeUrl() {
        return Stores.freshPostgres();
    }
}
