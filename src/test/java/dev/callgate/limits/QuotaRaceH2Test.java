package dev.callgate.limits;

class QuotaRaceH2Test extends QuotaRaceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
