package dev.callgate.acceptance;

class InstanceAcceptanceH2Test extends InstanceAcceptanceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
