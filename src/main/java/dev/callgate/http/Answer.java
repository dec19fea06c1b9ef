package dev.callgate.http;

import java.util.function.Supplier;

/**
 * What an {@link Endpoint} decided about a request on the event loop: either the response itself (a
 * refusal it could decide without blocking, such as a throttled call), or the rest of the work, which
 * the front runs on a worker because it may block (on the store, say). Work that only reads says so, and runs
 * on the front's readers, never queued behind writes waiting for the store's write lock or its fsync.
 */
public final class Answer {
    private final WireResponse response;
    private final Supplier<WireResponse> rest;
    private final boolean readsOnly;

    private Answer(WireResponse response, Supplier<WireResponse> rest, boolean readsOnly) {
        this.response = response;
        this.rest = rest;
        this.readsOnly = readsOnly;
    }

    /** Decided: write this response now. */
    public static Answer now(WireResponse response) {
        return new Answer(response, null, false);
    }

    /** Not decided yet: {@code rest} computes the response on a worker, and may change state. */
    public static Answer later(Supplier<WireResponse> rest) {
        return new Answer(null, rest, false);
    }

    /** Not decided yet: {@code rest} computes the response on a reader, and changes nothing. */
    public static Answer reading(Supplier<WireResponse> rest) {
        return new Answer(null, rest, true);
    }

    /** Whether the rest only reads. */
    public boolean readsOnly() {
        return readsOnly;
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
