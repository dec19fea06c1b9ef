package dev.callgate.sip;


/** How a call's SIP signalling ended, when Callgate did not end it itself. */
public enum Ending {
    /** The other side sent BYE. */
    PEER_HANGUP,
    /** The caller sent CANCEL before the call was answered. */
    CANCELLED,
    /** The caller never acknowledged the 200 OK (64×T1). */
    ACK_TIMEOUT,
    /** The called side refused an outbound call with a final non-2xx response. */
    REJECTED,
    /** The called side never answered an outbound INVITE. */
    NO_ANSWER,
    /** The caller's TCP connection closed or failed. */
    CONNECTION_LOST
}
