package dev.callgate.clock;

import dev.callgate.Callgate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock of a Callgate server (docs/architecture.md): wall time for what it records and
 * checks (creation times, SigV4 dates), and monotonic nanoseconds for what it measures (throttle
 * refill). Either the system's clock or a {@link VirtualClock} that only the operator moves.
 */
public abstract class ServerClock extends Clock {

    public static ServerClock system() {
        return new SystemClock();
    }

    /** Nanoseconds from an arbitrary origin that never go backwards: for measuring intervals only. */
    public abstract long nanoTime();

    public abstract boolean isVirtual();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Callgate keeps time in UTC only; another zone is a bug in the caller. */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Callgate's clock is UTC only");
    }

    private static final class SystemClock extends ServerClock {
        @Override
        public Instant instant() {
            return Instant.now();
        }

        /** As {@link Clock#systemUTC()} does: without an Instant to build, for the throttle's activity slots on every call. */
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoTime() {
            // Not the wall clock: an NTP step must neither refill nor freeze a throttle bucket.
            return System.nanoTime();
        }

        @Override
        public boolean isVirtual() {
            return false;
        }
    }
}
