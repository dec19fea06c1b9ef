package dev.callgate.instance;

import dev.callgate.aws.ErrorCode;
import dev.callgate.limits.quota.Quota;

/**
 * The families of resources inside an instance: how refusals name them, the ARN segment of each, the
 * quota that counts it, and the error that refuses a second one with the same name.
 */
public enum ResourceKind {
    USER("User", "agent", Quota.USERS),
    QUEUE("Queue", "queue", Quota.QUEUES),
    AGENT_QUEUE("Agent queue", "queue", null),
    ROUTING_PROFILE("Routing profile", "routing-profile", Quota.ROUTING_PROFILES),
    HOURS_OF_OPERATION("Hours of operation", "operating-hours", Quota.HOURS_OF_OPERATION),
    QUICK_CONNECT("Quick connect", "transfer-destination", Quota.QUICK_CONNECTS),
    PROMPT("Prompt", "prompt", Quota.PROMPTS),
    AGENT_STATUS("Agent status", "agent-state", Quota.AGENT_STATUSES),
    SECURITY_PROFILE("Security profile", "security-profile", Quota.SECURITY_PROFILES),
    CONTACT_FLOW("Contact flow", "contact-flow", Quota.CONTACT_FLOWS),
    HIERARCHY_GROUP("Hierarchy group", "agent-group", Quota.HIERARCHY_GROUPS),
    /** A claimed number; its ARN is the account's, not the instance's (arn:…:phone-number/id). */
    PHONE_NUMBER("Phone number", "phone-number", Quota.PHONE_NUMBERS),
    /** An associated Lambda function, named by its ARN; it has no Connect ARN of its own. */
    LAMBDA_FUNCTION("Lambda function", null, Quota.LAMBDA_FUNCTIONS, ErrorCode.RESOURCE_CONFLICT),
    /** An associated Lex V1 bot, named by region and name; V1 and V2 bots count together. */
    LEX_V1_BOT("Lex bot", null, Quota.LEX_BOTS, ErrorCode.RESOURCE_CONFLICT),
    /** An associated Lex V2 bot alias, named by its ARN. */
    LEX_V2_BOT("Lex V2 bot", null, Quota.LEX_BOTS, ErrorCode.RESOURCE_CONFLICT),
    /** A flow module: a reusable part of contact flows. */
    CONTACT_FLOW_MODULE("Flow module", "flow-module", Quota.FLOW_MODULES),
    /** A custom vocabulary for Contact Lens transcription; Amazon Connect lists no quota for it. */
    VOCABULARY("Vocabulary", "vocabulary", null, ErrorCode.RESOURCE_CONFLICT),
    /** One of the instance's attributes (its name is the attribute type), once it was changed from its default. */
    INSTANCE_ATTRIBUTE("Instance attribute", null, null),
    /** Where the instance stores one resource type's data; named by the resource type, which has one config at most. */
    STORAGE_CONFIG("Instance storage config", null, null, ErrorCode.RESOURCE_CONFLICT),
    /** The instance's agent hierarchy structure: one row at most, named by the instance. */
    HIERARCHY_STRUCTURE("Hierarchy structure", null, null),
    /** A data set shared with an account for analytics (named by data set and target account). */
    ANALYTICS_DATA_SET("Analytics data set association", null, null, ErrorCode.RESOURCE_CONFLICT),
    /** A saved report (Callgate's own API: Connect has none), personal or published. */
    REPORT("Report", null, Quota.REPORTS);

    private final String title;
    private final String arnSegment;
    private final Quota quota;
    private final ErrorCode duplicateName;

    ResourceKind(String title, String arnSegment, Quota quota) {
        this(title, arnSegment, quota, ErrorCode.DUPLICATE_RESOURCE);
    }

    ResourceKind(String title, String arnSegment, Quota quota, ErrorCode duplicateName) {
        this.title = title;
        this.arnSegment = arnSegment;
        this.quota = quota;
        this.duplicateName = duplicateName;
    }

    /** How messages name the family, e.g. "Routing profile". */
    public String title() {
        return title;
    }

    /** The segment after {@code instance/<id>/} in the ARNs of this family, or null when it has no ARN there. */
    public String arnSegment() {
        return arnSegment;
    }

    /** The quota this kind counts toward, or null (per-agent queues count toward none). */
    public Quota quota() {
        return quota;
    }

    /** The error that refuses a second resource of this kind with the same name in one instance. */
    public ErrorCode duplicateName() {
        return duplicateName;
    }
}
