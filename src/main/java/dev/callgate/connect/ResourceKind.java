package dev.callgate.connect;

import dev.callgate.limits.Quota;

/** The families of resources inside an instance, the ARN segment of each, and the quota that counts it. */
public enum ResourceKind {
    USER("agent", Quota.USERS),
    QUEUE("queue", Quota.QUEUES),
    AGENT_QUEUE("queue", null),
    ROUTING_PROFILE("routing-profile", Quota.ROUTING_PROFILES),
    HOURS_OF_OPERATION("operating-hours", Quota.HOURS_OF_OPERATION),
    QUICK_CONNECT("transfer-destination", Quota.QUICK_CONNECTS),
    PROMPT("prompt", Quota.PROMPTS),
    AGENT_STATUS("agent-state", Quota.AGENT_STATUSES),
    SECURITY_PROFILE("security-profile", Quota.SECURITY_PROFILES),
    CONTACT_FLOW("contact-flow", Quota.CONTACT_FLOWS),
    HIERARCHY_GROUP("agent-group", Quota.HIERARCHY_GROUPS);

    private final String arnSegment;
    private final Quota quota;

    ResourceKind(String arnSegment, Quota quota) {
        this.arnSegment = arnSegment;
        this.quota = quota;
    }

    public String arnSegment() {
        return arnSegment;
    }

    /** The quota this kind counts toward, or null (per-agent queues count toward none). */
    public Quota quota() {
        return quota;
    }
}
