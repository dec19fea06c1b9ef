package dev.callgate.http;

import dev.callgate.loop.LoopAttempt;
import java.util.function.Supplier;

/**
 * What an {@link Endpoint} decided about a request on the event loop: either the response itself (a
 * refusal it could decide without blocking, such as a throttled call), or the rest of the work, which
 * the front runs on a worker because it may block (on the store, say). Work that only reads says so, and runs
 * on the front's readers, never queued behind writes waiting for the store's write lock or its fsync. A brief
 * read (one resource) is tried on the event loop first ({@link LoopAttempt}).
 */
public final class Answer {
    private final WireResponse response;
    private final Supplier<WireResponse> rest;
    private final boolean readsOnly;
    private final boolean brief;

    private Answer(WireResponse response, Supplier<WireResponse> rest, boolean readsOnly, boolean brief) {
        this.response = response;
        this.rest = rest;
        this.readsOnly = readsOnly;
        this.brief = brief;
    }

    /** Decided: write this response now. */
    public static Answer now(WireResponse response) {
        return new Answer(response, null, false, false);
    }

    /** Not decided yet: {@code rest} computes the response on a worker, and may change state. */
    public static Answer later(Supplier<WireResponse> rest) {
        return new Answer(null, rest, false, false);
    }

    /** Not decided yet: {@code rest} computes the response on a reader, and changes nothing. */
    public static Answer reading(Supplier<WireResponse> rest) {
        return new Answer(null, rest, true, false);
    }

    /**
     * Not decided yet: {@code rest} changes nothing and reads little, so it is tried on the event loop, and runs on
     * a reader when it would wait there.
     */
    public static Answer readingBriefly(Supplier<WireResponse> rest) {
        return new Answer(null, rest, true, true);
    }

    /** Whether the rest only reads. */
    public boolean readsOnly() {
        return readsOnly;
    }

    /** Whether the rest is a brief read, worth trying on the event loop. */
    public boolean isBrief() {
        return brief;
    }

    /** Whether the response is known without running the rest. */
    public boolean isDecided() {
        return response != null;
    }

    /** The response, running the rest on the calling thread if it was not decided. */
    public WireResponse resolve() {
        return response != null ? response : rest.get();
    }
}
