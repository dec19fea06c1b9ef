package dev.callgate.acceptance;

class ResourceAcceptanceSqliteTest extends ResourceAcceptanceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
