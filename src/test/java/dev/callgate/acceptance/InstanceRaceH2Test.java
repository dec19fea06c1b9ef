package dev.callgate.acceptance;

class InstanceRaceH2Test extends InstanceRaceTest {
    @Override
    String storeUrl() {
        return null;
    }
}
