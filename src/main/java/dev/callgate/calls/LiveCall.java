package dev.callgate.calls;

import dev.callgate.sip.SipCall;
import java.time.Duration;
import java.time.Instant;

/**
 * A call this node carries: its contact, its SIP leg (none for a simulated call) and the deadlines
 * that end it on the server clock: the planned end (max duration, or a simulated call's length), the
 * ACK the caller owes for the 200 OK (64×T1), and the next session refresh (RFC 4028).
 */
final class LiveCall {
    /** RFC 3261's 64×T1: how long a UAS waits for the ACK of its 2xx. */
    static final Duration ACK_WAIT = Duration.ofSeconds(32);

    private final String contactId;
    private final String instanceId;
    private final Instant hangUpAt;
    private final CallEnd hangUpReason;
    private volatile SipCall leg;
    private volatile Instant ackBy;
    private volatile Instant refreshBy;

    LiveCall(String contactId, String instanceId, Instant hangUpAt, CallEnd hangUpReason) {
        this.contactId = contactId;
        this.instanceId = instanceId;
        this.hangUpAt = hangUpAt;
        this.hangUpReason = hangUpReason;
    }

    String contactId() {
        return contactId;
    }

    String instanceId() {
        return instanceId;
    }

    SipCall leg() {
        return leg;
    }

    /** Attaches the SIP leg; an inbound leg owes an ACK, and a refresh when it asked for a session timer. */
    void attach(SipCall sipLeg, Instant now) {
        leg = sipLeg;
        if (sipLeg.direction() == SipCall.Direction.INBOUND) {
            ackBy = now.plus(ACK_WAIT);
            refreshed(now);
        }
    }

    void confirmed() {
        ackBy = null;
    }

    /**
     * A session refresh arrived: the next one is due within the session interval. The side that does not
     * refresh ends the call at the interval less min(32 s, a third of it) (RFC 4028 §10).
     */
    void refreshed(Instant now) {
        Integer interval = leg == null ? null : leg.sessionExpires();
        if (interval != null) {
            refreshBy = now.plusSeconds(interval - Math.min(32, interval / 3));
        }
    }

    /** Why the call must end at {@code now}, or null while no deadline has passed. */
    CallEnd due(Instant now) {
        if (!now.isBefore(hangUpAt)) {
            return hangUpReason;
        }
        Instant ack = ackBy;
        if (ack != null && !now.isBefore(ack)) {
            return CallEnd.TELECOM_PROBLEM;
        }
        Instant refresh = refreshBy;
        return refresh != null && !now.isBefore(refresh) ? CallEnd.EXPIRED : null;
    }
}
