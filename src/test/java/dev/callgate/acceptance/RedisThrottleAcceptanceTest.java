package dev.callgate.acceptance;

import dev.callgate.config.Settings;
import dev.callgate.testing.RedisServer;
import java.util.function.UnaryOperator;

/**
 * The whole throttle acceptance suite again with the buckets in Redis ({@code --throttle-store}), on each
 * store, which keeps the overrides: Bucket4j's compare-and-swap on a real redis-server meters exactly as
 * memory and PostgreSQL rows do, on the virtual clock too, and overrides reconfigure a Redis bucket as
 * they do the others.
 */
class RedisThrottleAcceptanceTest extends ThrottleAcceptanceTest {

    @Override
    protected UnaryOperator<Settings> settings() {
        // A fresh database for each server this suite starts (one per store, and the restart test's).
        return s -> super.settings().apply(s).withThrottleStore(RedisServer.freshDatabase());
    }
}
