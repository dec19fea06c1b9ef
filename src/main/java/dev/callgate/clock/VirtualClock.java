package dev.callgate.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that stands still until the operator advances it ({@code --clock virtual}), so throttling can
 * be scripted exactly and instantly. It starts at the real time of its creation, so that requests
 * signed now are not stale; advancing it more than 5 minutes makes strict-mode signatures expire,
 * as they would on a real server.
 */
public final class VirtualClock extends ServerClock {
    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public VirtualClock(Instant start) {
        this.start = start;
    }

    /** Moves time forward; time never goes back. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A clock only goes forward; cannot advance by " + duration);
        }
        elapsedNanos.addAndGet(duration.toNanos());
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public long nanoTime() {
        return elapsedNanos.get();
    }

    @Override
    public boolean isVirtual() {
        return true;
    }
}
