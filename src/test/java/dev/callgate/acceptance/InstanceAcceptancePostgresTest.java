package dev.callgate.acceptance;

import dev.callgate.testing.Stores;

class InstanceAcceptancePostgresTest extends InstanceAcceptanceTest {
    @Override
    protected String storeUrl() {
        return Stores.freshPostgres();
    }
}
