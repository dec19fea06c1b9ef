package dev.callgate.limits;

import dev.callgate.testing.Stores;

class QuotaRacePostgresTest extends QuotaRaceTest {
    @Override
    protected String storeUrl() {
        return Stores.freshPostgres();
    }
}
