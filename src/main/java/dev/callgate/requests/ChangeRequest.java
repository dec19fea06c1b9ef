package dev.callgate.requests;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request as stored. {@code quotaCode} and the values are a quota increase's; {@code details}
 * holds what the other kinds ask for (countries, a prefix, numbers and a port's progress).
 * {@code instanceId} is null for an account's request; times are the server clock's epoch millis.
 */
public record ChangeRequest(
        String id,
        String accountId,
        String region,
        RequestKind kind,
        String quotaCode,
        String contextId,
        String instanceId,
        Double desiredValue,
        Double currentValue,
        RequestStatus status,
        String reason,
        String caseId,
        String requester,
        long created,
        long lastUpdated,
        ObjectNode details) {

    /** The key that admits one open request per account, region, quota (or kind) and context. */
    String openKey() {
        String what = kind == RequestKind.QUOTA_INCREASE ? quotaCode : kind.name();
        return accountId + "/" + region + "/" + what + "/" + (instanceId == null ? "" : instanceId);
    }

    ChangeRequest with(RequestStatus newStatus, String newReason, String newCaseId, long now, ObjectNode newDetails) {
        return new ChangeRequest(id, accountId, region, kind, quotaCode, contextId, instanceId, desiredValue, currentValue,
                newStatus, newReason, newCaseId, requester, created, now, newDetails);
    }
}
