package dev.callgate.acceptance;

import dev.callgate.testing.Stores;

class InstanceRacePostgresTest extends InstanceRaceTest {
    @Override
    String storeUrl() {
        return Stores.freshPostgres();
    }
}
