package dev.callgate.acceptance;

class InstanceAcceptanceH2Test extends InstanceAcceptanceTest {
    @Override
    String storeUrl() {
        return null;
    }
}
