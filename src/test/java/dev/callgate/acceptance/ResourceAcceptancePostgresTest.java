package dev.callgate.acceptance;

import dev.callgate.testing.Stores;

class ResourceAcceptancePostgresTest extends ResourceAcceptanceTest {
    @Override
    protected String storeUrl() {
        return Stores.freshPostgres();
    }
}
