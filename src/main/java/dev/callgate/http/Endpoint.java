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
     * This endpoint's 400 for a request the front will not pass on (its body is over the limit, or it is
     * not HTTP at all), with the reason in {@code message}. {@code head} has the request's method, path and
     * headers but no body; it is null when not even those could be read.
     */
    WireResponse refuse(WireRequest head, String message, String requestId);
}
