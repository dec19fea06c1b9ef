package dev.callgate.limits.quota;

class QuotaRaceH2Test extends QuotaRaceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
