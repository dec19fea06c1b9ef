package dev.callgate.acceptance;

class ReportsAcceptanceH2Test extends ReportsAcceptanceTest {
    @Override
    String storeUrl() {
        return null;
    }
}
