package dev.callgate.acceptance;

import dev.callgate.testing.Stores;

class ReportsAcceptancePostgresTest extends ReportsAcceptanceTest {
    @Override
    String storeUrl() {
        return Stores.freshPostgres();
    }
}
