package dev.callgate.acceptance;

import dev.callgate.testing.RedisServer;
import java.util.List;

/**
 * The two-node throttle suite with both nodes' buckets in one Redis ({@code --throttle-store}), the
 * overrides still in their shared PostgreSQL: one bucket across both processes, hammered from both at
 * once, and overrides set through one node lower and raise the rate on the other.
 */
class TwoNodeRedisThrottleTest extends TwoNodeThrottleTest {

    @Override
    protected List<String> bucketOptions() {
        return List.of("--throttle-store", RedisServer.freshDatabase().toString());
    }
}
