package dev.callgate.acceptance;

class ReportsAcceptanceH2Test extends ReportsAcceptanceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
