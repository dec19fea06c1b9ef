package dev.callgate.acceptance;

class ReportsAcceptanceSqliteTest extends ReportsAcceptanceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
