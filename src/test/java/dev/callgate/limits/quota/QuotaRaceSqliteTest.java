package dev.callgate.limits.quota;

class QuotaRaceSqliteTest extends QuotaRaceTest {
    @Override
    protected String storeUrl() {
        return null;
    }
}
