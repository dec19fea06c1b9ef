package dev.callgate.sip;


/**
 * What Callgate answers to a new call: admit it (180, then 200 with an SDP answer), or refuse it with
 * a final response (the router's verdict, or the endpoint's own when it is flooded, stopping or failed). A full
 * instance is refused as the phone network refuses a congested route: 503 with Q.850 cause 34, which carriers render
 * as reorder (fast busy), and no Retry-After, which would make the caller's proxy send nothing at all to
 * Callgate, for every instance, for that long.
 */
public enum Verdict {
    ADMIT(200, "OK", null, null),
    NOT_FOUND(404, "Not Found", null, null),
    FORBIDDEN(403, "Forbidden", null, null),
    NO_CIRCUIT(503, "Service Unavailable", new Cause(34, "No circuit/channel available"), null),
    /**
     * Callgate itself is flooded (more INVITEs waiting for a decision than it queues), whatever the instance:
     * 503 with cause 42, which RFC 3398 also maps to 503 and carriers also render as reorder. No Retry-After
     * either: the queue drains in about a second, the least it could say, and a caller's proxy honouring it
     * would turn away the calls of every instance for that long.
     */
    CONGESTED(503, "Service Unavailable", new Cause(42, "Switching equipment congestion"), null),
    /**
     * This node is stopping: 503 with a Retry-After, and no Q.850 cause, as no instance's route is busy. Here a proxy
     * should leave this node alone for a while: with a Retry-After it takes the node for unavailable that long and
     * sends its calls to another node (RFC 3261 §21.5.4, RFC 3263), where without one it may send the next call
     * here again. 30 s: a node stopped for good is not tried again for that long, and one restarted (Callgate starts in
     * about a second) gets calls again within half a minute.
     */
    STOPPING(503, "Service Unavailable", null, 30),
    /** The decision failed (the store, say). */
    FAILED(500, "Server Internal Error", null, null);

    private final int status;
    private final String phrase;
    private final Cause cause;
    private final Integer retryAfter;

    Verdict(int status, String phrase, Cause cause, Integer retryAfter) {
        this.status = status;
        this.phrase = phrase;
        this.cause = cause;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String phrase() {
        return phrase;
    }

    /** The Q.850 cause that goes in the response's Reason header (RFC 3326), or null. */
    public Cause cause() {
        return cause;
    }

    /** The seconds of the response's Retry-After header, or null for none. */
    public Integer retryAfter() {
        return retryAfter;
    }

    /** A Q.850 cause value and its text. */
    public record Cause(int value, String text) {
    }
}
