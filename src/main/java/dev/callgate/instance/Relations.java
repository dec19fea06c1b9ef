package dev.callgate.instance;


/**
 * The names of the references between an instance's resources (table resource_ref). A reference
 * held to a resource keeps it in use, except those that its delete drops itself (a queue's quick
 * connects). Names avoid '_' and '%': they are matched with LIKE prefixes.
 */
public final class Relations {
    /** Routing profile → its default outbound queue. */
    public static final String DEFAULT_OUTBOUND_QUEUE = "default-outbound-queue";
    /** Routing profile → a queue it serves on a channel: this prefix and the channel ({@link QueueEntry}). */
    public static final String QUEUE_ENTRY = "queue:";
    /** Queue → hours of operation. */
    public static final String HOURS = "hours-of-operation";
    /** Queue → quick connect, dropped when the quick connect is deleted. */
    public static final String QUICK_CONNECT = "quick-connect";
    /** User → routing profile, security profiles, hierarchy group. */
    public static final String ROUTING_PROFILE = "routing-profile";
    public static final String SECURITY_PROFILE = "security-profile";
    public static final String HIERARCHY_GROUP = "hierarchy-group";
    /** Hierarchy group → its parent group. */
    public static final String PARENT = "parent";
    /** Quick connect → the queue, user or contact flow it transfers to. */
    public static final String TARGET = "target";
    public static final String FLOW = "contact-flow";
    /** Saved report → its owner (a user). */
    public static final String OWNER = "owner";

    private Relations() {
    }
}
