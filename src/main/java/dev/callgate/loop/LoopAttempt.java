package dev.callgate.loop;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Work tried first on a network event loop, where nothing may wait: a read of one row or one page answered there
 * saves two thread hand-offs (docs/architecture.md, "Reads on the event loop"). Code that would wait (for a
 * pooled connection, a write lock, an fsync) asks {@link #mustNotWait()} and throws {@link WouldWait} instead;
 * the attempt then reports nothing and the caller runs the same work again where waiting is allowed. Work tried
 * this way must change nothing before it could throw: it is run again from its start.
 */
public final class LoopAttempt {
    private static final ThreadLocal<Boolean> ON_LOOP = ThreadLocal.withInitial(() -> false);

    private LoopAttempt() {
    }

    /** The work's result, or empty when it would have waited. */
    public static <T> Optional<T> run(Supplier<T> work) {
        ON_LOOP.set(true);
        try {
            return Optional.of(work.get());
        } catch (WouldWait handOff) {
            return Optional.empty();
        } finally {
            ON_LOOP.set(false);
        }
    }

    /** Whether the calling thread runs an attempt, and so must throw {@link WouldWait} rather than wait. */
    public static boolean mustNotWait() {
        return ON_LOOP.get();
    }

    /**
     * Thrown by code that would wait during an attempt. It is not a failure: anything that turns failures into
     * answers lets it through.
     */
    public static final class WouldWait extends RuntimeException {
        public WouldWait(String reason) {
            super(reason, null, false, false); // thrown to hand work over, never logged: no stack trace to fill
        }
    }
}
