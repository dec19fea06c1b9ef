package dev.callgate.acceptance;

class InstanceRaceSqliteTest extends InstanceRaceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
