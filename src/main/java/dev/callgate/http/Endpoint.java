package dev.callgate.http;

/**
 * One face of the HTTP port (an AWS service family, the operator API, …): it answers the requests
 * {@link Routes} sends it, every refusal and failure in its own error form, and also renders the
 * refusals the front decides before a request is whole.
 */
public interface Endpoint {

    /** The answer to a request, refusals included; throws only on a bug, which the front answers with a bare 500. */
    WireResponse answer(WireRequest request, String requestId);

    /**
     * Called on the event loop, which must never block: the endpoint may decide here what it can decide from
     * memory alone (a throttle refusal, say) and leave the rest to a worker. By default all is left to
     * {@link #answer}. {@code receive(…).resolve()} must mean the same as {@code answer(…)}.
     */
    default Answer receive(WireRequest request, String requestId) {
        return Answer.later(() -> answer(request, requestId));
    }

    /**
     * This endpoint's 400 for a request the front will not pass on (its body is over the limit, or it is
     * not HTTP at all), with the reason in {@code message}. {@code head} has the request's method, path and
     * headers but no body; it is null when not even those could be read.
     */
    WireResponse refuse(WireRequest head, String message, String requestId);
}
