package dev.callgate.acceptance;

class InstanceAcceptanceSqliteTest extends InstanceAcceptanceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
