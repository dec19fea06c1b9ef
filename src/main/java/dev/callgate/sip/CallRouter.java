package dev.callgate.sip;


/**
 * The business side of the SIP endpoint: decides on new calls and hears how calls go on. The
 * endpoint holds no rule of its own. {@link #offered} runs on a worker thread and may block (it
 * touches the store); the other callbacks run on the SIP stack's threads and must not.
 */
public interface CallRouter {

    /** A new inbound INVITE: admit or refuse it. */
    Verdict offered(SipCall call);

    /** A new inbound INVITE refused at once, without being offered, because too many wait for a decision. */
    void congested(SipCall call);

    /** The caller acknowledged the 200 OK: the call is up. */
    void confirmed(SipCall call);

    /** A session refresh (re-INVITE or UPDATE, RFC 4028) arrived in the call's dialog. */
    void refreshed(SipCall call);

    /** The called side answered an outbound call (and was sent its ACK). */
    void answered(SipCall call);

    /** The call's signalling ended without Callgate hanging up. */
    void ended(SipCall call, Ending ending);
}
