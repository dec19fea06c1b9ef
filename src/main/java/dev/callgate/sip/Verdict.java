package dev.callgate.sip;


/**
 * What Callgate answers to a new call: admit it (180, then 200 with an SDP answer), or refuse it with
 * a final response (the router's verdict, or the endpoint's own when it is flooded). A full instance is
 * refused as the phone network refuses a congested route: 503 with Q.850 cause 34, which carriers render
 * as reorder (fast busy), and no Retry-After, which would make the caller's proxy send nothing at all to
 * Callgate, for every instance, for that long.
 */
public enum Verdict {
    ADMIT(200, "OK", null),
    NOT_FOUND(404, "Not Found", null),
    FORBIDDEN(403, "Forbidden", null),
    NO_CIRCUIT(503, "Service Unavailable", new Cause(34, "No circuit/channel available")),
    /**
     * Callgate itself is flooded (more INVITEs waiting for a decision than it queues), whatever the instance:
     * 503 with cause 42, which RFC 3398 also maps to 503 and carriers also render as reorder. No Retry-After
     * either: the queue drains in about a second, the least it could say, and a caller's proxy honouring it
     * would turn away the calls of every instance for that long.
     */
    CONGESTED(503, "Service Unavailable", new Cause(42, "Switching equipment congestion"));

    private final int status;
    private final String phrase;
    private final Cause cause;

    Verdict(int status, String phrase, Cause cause) {
        this.status = status;
        this.phrase = phrase;
        this.cause = cause;
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

    /** A Q.850 cause value and its text. */
    public record Cause(int value, String text) {
    }
}
