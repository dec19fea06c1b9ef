package dev.callgate.limits.throttle;

/**
 * Whose bucket: one per account, region, AWS service and operation, shared by all the account's keys
 * and instances (limits.md §6). The service keeps two services' same-named operations (TagResource of
 * Connect and of Service Quotas) apart.
 */
record BucketKey(String accountId, String region, String service, String operation) {

    /** The bucket's row id in the shared store. */
    String id() {
        return accountId + "/" + region + "/" + service + "/" + operation;
    }
}
