package dev.callgate.acceptance;

import dev.callgate.testing.Stores;

/** The same throttle, its buckets in PostgreSQL rows as several nodes share them. */
class ThrottleAcceptancePostgresTest extends ThrottleAcceptanceTest {
    @Override
    String storeUrl() {
        return Stores.freshPostgres();
    }
}
