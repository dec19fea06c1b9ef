package dev.callgate.acceptance;

class ResourceAcceptanceH2Test extends ResourceAcceptanceTest {
    @Override
    String storeUrl() {
        return null;
    }
}
