package dev.callgate.calls;

/** A contact as stored: a call, inbound or outbound, in progress or ended (times in epoch millis, null until they happen). */
public record ContactRow(
        String id,
        String instanceId,
        String initiationMethod,
        String customerNumber,
        String systemNumber,
        long initiatedAt,
        Long connectedAt,
        Long disconnectedAt,
        String disconnectReason) {

    /** A moment of a contact that is stored and can be searched by. */
    public enum Moment { INITIATED, DISCONNECTED }
}
