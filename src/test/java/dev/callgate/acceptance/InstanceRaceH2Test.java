package dev.callgate.acceptance;

class InstanceRaceH2Test extends InstanceRaceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
