package dev.callgate.acceptance;

import dev.callgate.testing.Stores;

class ReportsAcceptancePostgresTest extends ReportsAcceptanceTest {
    @Override
    protected String storeUrl() {
        return Stores.freshPostgres();
    }
}
