package dev.callgate.limits.quota;

import dev.callgate.aws.ErrorCode;

/**
 * Every quota of docs/limits.md §2–§4, with its Service Quotas code, the scope it counts in and the
 * error that refuses the call that would exceed it. Default values live in the editions.
 */
public enum Quota {
    INSTANCES_PER_REGION("L-AA17A6B9", "Instances per account per region", Scope.ACCOUNT_REGION, ErrorCode.SERVICE_QUOTA_EXCEEDED),
    USERS("L-9A46857E", "Users per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    PHONE_NUMBERS("L-8F812903", "Phone numbers per instance", Scope.INSTANCE, ErrorCode.SERVICE_QUOTA_EXCEEDED),
    QUEUES("L-19A87C94", "Queues per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    /** Counted in each routing profile's scope; the instance's row holds the applied value. */
    QUEUES_PER_ROUTING_PROFILE("L-516BC0EB", "Queues per routing profile", Scope.ROUTING_PROFILE, ErrorCode.LIMIT_EXCEEDED),
    ROUTING_PROFILES("L-D3E7BE26", "Routing profiles per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    HOURS_OF_OPERATION("L-20CD02F7", "Hours of operation per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    QUICK_CONNECTS("L-68BBE2E8", "Quick connects per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    PROMPTS("L-0865B754", "Prompts per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    AGENT_STATUSES(null, "Agent statuses per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    SECURITY_PROFILES("L-F325A715", "Security profiles per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    CONTACT_FLOWS("L-22922690", "Contact flows per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    HIERARCHY_GROUPS("L-D68AAAE4", "Agent hierarchy groups per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    /** Not in the 2019 page (flow modules came in 2021): the value of today's Amazon Connect quotas. */
    FLOW_MODULES("L-19755C7E", "Flow modules per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED),
    REPORTS("L-79564E52", "Reports per instance", Scope.INSTANCE, ErrorCode.SERVICE_QUOTA_EXCEEDED),
    SCHEDULED_REPORTS("L-986AE5E3", "Scheduled reports per instance", Scope.INSTANCE, ErrorCode.SERVICE_QUOTA_EXCEEDED),
    LAMBDA_FUNCTIONS("L-E3D2F503", "Lambda functions per instance", Scope.INSTANCE, ErrorCode.SERVICE_QUOTA_EXCEEDED),
    LEX_BOTS("L-B93A6612", "Amazon Lex bots per instance", Scope.INSTANCE, ErrorCode.SERVICE_QUOTA_EXCEEDED),
    CONCURRENT_CALLS("L-12AB7C57", "Concurrent active calls per instance", Scope.INSTANCE, ErrorCode.LIMIT_EXCEEDED);

    /** Where a quota's usage is counted (see {@link QuotaScope}). */
    public enum Scope {
        ACCOUNT_REGION, INSTANCE, ROUTING_PROFILE;

        /** The scope whose row holds the applied value: a routing profile takes its instance's. */
        public Scope appliedIn() {
            return this == ROUTING_PROFILE ? INSTANCE : this;
        }
    }

    private final String code;
    private final String title;
    private final Scope scope;
    private final ErrorCode refusal;

    Quota(String code, String title, Scope scope, ErrorCode refusal) {
        this.code = code;
        this.title = title;
        this.scope = scope;
        this.refusal = refusal;
    }

    /** The Service Quotas code, or null for a quota that Service Quotas does not list. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Scope scope() {
        return scope;
    }

    public ErrorCode refusal() {
        return refusal;
    }

    public String describe() {
        return code == null ? title : title + " (" + code + ")";
    }
}
