package dev.callgate.connect;

import software.amazon.awssdk.services.connect.model.Channel;

/**
 * The names of the references between an instance's resources (table resource_ref). A reference
 * held to a resource keeps it in use, except those that its delete drops itself (a queue's quick
 * connects). Names avoid '_' and '%': they are matched with LIKE prefixes.
 */
final class Relations {
    /** Routing profile → queue, one per channel: the entries counted by "queues per routing profile". */
    static final String QUEUE_ENTRY = "queue:";
    static final String DEFAULT_OUTBOUND_QUEUE = "default-outbound-queue";
    /** Queue → hours of operation. */
    static final String HOURS = "hours-of-operation";
    /** Queue → quick connect, dropped when the quick connect is deleted. */
    static final String QUICK_CONNECT = "quick-connect";
    /** User → routing profile, security profiles, hierarchy group. */
    static final String ROUTING_PROFILE = "routing-profile";
    static final String SECURITY_PROFILE = "security-profile";
    static final String HIERARCHY_GROUP = "hierarchy-group";
    /** Hierarchy group → its parent group. */
    static final String PARENT = "parent";
    /** Quick connect → the queue, user or contact flow it transfers to. */
    static final String TARGET = "target";
    static final String FLOW = "contact-flow";
    /** Saved report → its owner (a user). */
    static final String OWNER = "owner";

    private Relations() {
    }

    static String queueEntry(Channel channel) {
        return QUEUE_ENTRY + channel;
    }

    static String queueEntry(String channel) {
        return QUEUE_ENTRY + channel;
    }
}
