package dev.callgate.limits.throttle;

import dev.callgate.clock.ServerClock;
import io.github.bucket4j.TimeMeter;

/**
 * Bucket4j's time for buckets kept on one node: the server clock's monotonic nanoseconds. Public
 * so that the throttle benchmark times its bare buckets exactly as the server's are timed.
 */
public final class MonotonicTimeMeter implements TimeMeter {
    private final ServerClock clock;

    public MonotonicTimeMeter(ServerClock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        // Monotonic: on one node a wall-clock step must neither refill nor freeze a bucket.
        return clock.nanoTime();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
