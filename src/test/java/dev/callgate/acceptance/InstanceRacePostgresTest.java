package dev.callgate.acceptance;

import dev.callgate.testing.Stores;

class InstanceRacePostgresTest extends InstanceRaceTest {
    @Override
    protected String storeUrl() {
        return Stores.freshPostgres();
    }
}
