package dev.callgate.instance;

/**
 * A reference from one resource of an instance to another, e.g. (USER u, "routing-profile",
 * ROUTING_PROFILE p); {@code detail} carries the reference's own data (a queue entry's priority).
 */
public record RefRow(String instanceId, String fromKind, String fromId, String relation, String toKind, String toId, String detail) {
}
