package dev.callgate.acceptance;

class ResourceAcceptanceH2Test extends ResourceAcceptanceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
