package dev.callgate.calls;

/** Why a call ended, as Amazon Connect's contact records name it (a contact's DisconnectReason). */
public enum CallEnd {
    /** The customer hung up or cancelled (or a simulated call ran its length). */
    CUSTOMER_DISCONNECT,
    /** StopContact, or the operator ended the call. */
    API,
    /** The signalling failed: no ACK, no answer, a refusal from the far end, the caller's connection lost. */
    TELECOM_PROBLEM,
    /** A guard ended it: the max call duration, an unrefreshed session timer, or a lease that ran out. */
    EXPIRED
}
