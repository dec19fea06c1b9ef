package dev.callgate.limits.throttle;

import dev.callgate.clock.ServerClock;
import io.github.bucket4j.TimeMeter;
import java.time.Instant;

/**
 * Bucket4j's time for buckets that several nodes share (in PostgreSQL or Redis): the server clock's
 * wall time in epoch nanoseconds, the only time comparable across nodes. A virtual clock drives it
 * as it drives everything else, so {@code --clock virtual} scripts shared buckets exactly too.
 */
final class WallTimeMeter implements TimeMeter {
    private final ServerClock clock;

    WallTimeMeter(ServerClock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
