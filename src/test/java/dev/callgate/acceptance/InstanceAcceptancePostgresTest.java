package dev.callgate.acceptance;

import dev.callgate.testing.Stores;

class InstanceAcceptancePostgresTest extends InstanceAcceptanceTest {
    @Override
    String storeUrl() {
        return Stores.freshPostgres();
    }
}
