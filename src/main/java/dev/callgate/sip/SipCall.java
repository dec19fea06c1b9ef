package dev.callgate.sip;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * One call's SIP leg, inbound or outbound: its Call-ID, who dialled whom, its transactions and
 * dialog, and where it stands. State changes happen under the call's lock, so a CANCEL, a BYE and
 * Callgate's own hang-up never both act on one call.
 */
public final class SipCall {
    /** Which side sent the INVITE. */
    public enum Direction { INBOUND, OUTBOUND }

    /** In the order a call goes through them. */
    enum State { OFFERED, ANSWERED, CONFIRMED, ENDED }

    private final String callId;
    private final Direction direction;
    private final String dialled;
    private final String caller;
    private final Integer sessionExpires;
    private final String localTag;
    private final String connection;
    private ServerTransaction invite;
    private ClientTransaction outboundInvite;
    private Dialog dialog;
    private State state = State.OFFERED;
    private Ending ending;

    private SipCall(String callId, Direction direction, String dialled, String caller, Integer sessionExpires, String localTag,
            String connection) {
        this.callId = callId;
        this.direction = direction;
        this.dialled = dialled;
        this.caller = caller;
        this.sessionExpires = sessionExpires;
        this.localTag = localTag;
        this.connection = connection;
    }

    static SipCall inbound(String callId, String dialled, String caller, Integer sessionExpires, ServerTransaction invite,
            String localTag, String connection) {
        SipCall call = new SipCall(callId, Direction.INBOUND, dialled, caller, sessionExpires, localTag, connection);
        call.invite = invite;
        return call;
    }

    static SipCall outbound(String callId, String dialled, String caller, ClientTransaction invite, String localTag) {
        SipCall call = new SipCall(callId, Direction.OUTBOUND, dialled, caller, null, localTag, null);
        call.outboundInvite = invite;
        return call;
    }

    public String callId() {
        return callId;
    }

    public Direction direction() {
        return direction;
    }

    /** The user part of the Request-URI (the number dialled), as sent. */
    public String dialled() {
        return dialled;
    }

    /** The user part of the From URI (the caller), as sent. */
    public String caller() {
        return caller;
    }

    /** The session interval (RFC 4028) agreed for this call in seconds, or null when the caller asked for none. */
    public Integer sessionExpires() {
        return sessionExpires;
    }

    String localTag() {
        return localTag;
    }

    /** The caller's TCP connection ({@code address:port}) the INVITE came on; null over UDP and for outbound calls. */
    String connection() {
        return connection;
    }

    /** Whether {@code request} is the INVITE that began this inbound call, or a retransmission of it (its Via branch). */
    boolean startedBy(Request request) {
        ServerTransaction first = invite();
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return first != null && via != null && first.getBranchId().equalsIgnoreCase(via.getBranch());
    }

    synchronized ServerTransaction invite() {
        return invite;
    }

    synchronized ClientTransaction outboundInvite() {
        return outboundInvite;
    }

    synchronized Dialog dialog() {
        return dialog;
    }

    synchronized State state() {
        return state;
    }

    /** Moves from {@code from} to {@code to}; false (and nothing changes) when the call is elsewhere. */
    synchronized boolean move(State from, State to) {
        if (state != from) {
            return false;
        }
        state = to;
        return true;
    }

    /**
     * The caller's side ends the call, for {@code why}, unless it has reached {@code reached}: returns the state it
     * ended from, or null (and nothing changes) when it had reached it, or had ended.
     */
    synchronized State endBefore(State reached, Ending why) {
        if (state.compareTo(reached) >= 0) {
            return null;
        }
        State left = state;
        state = State.ENDED;
        ending = why;
        return left;
    }

    /** Why the caller's side ended the call ({@link #endBefore}); null while it goes on, or when Callgate ended it. */
    synchronized Ending ending() {
        return ending;
    }

    /** Ends the call from whatever state it is in; false when it had already ended. */
    synchronized boolean end() {
        if (state == State.ENDED) {
            return false;
        }
        state = State.ENDED;
        return true;
    }

    synchronized void dialog(Dialog established) {
        dialog = established;
    }
}
