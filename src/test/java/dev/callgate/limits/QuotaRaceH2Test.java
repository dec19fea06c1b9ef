package dev.callgate.limits;

class QuotaRaceH2Test extends QuotaRaceTest {
    @Override
    String storeUrl() {
        return null;
    }
}
