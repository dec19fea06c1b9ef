package dev.callgate.requests;

/**
 * Which requests a listing wants; a null member does not filter. {@code perInstance} tells requests
 * with a context (an instance ARN) from account ones; {@code instanceId} picks one instance's.
 */
public record RequestFilter(String accountId, String region, RequestKind kind, RequestStatus status, String quotaCode,
        Boolean perInstance, String instanceId) {

    public RequestFilter(String accountId, String region, RequestKind kind, RequestStatus status, String quotaCode, Boolean perInstance) {
        this(accountId, region, kind, status, quotaCode, perInstance, null);
    }

    public RequestFilter forInstance(String id) {
        return new RequestFilter(accountId, region, kind, status, quotaCode, perInstance, id);
    }
}
