package dev.callgate.limits.throttle;

/** Whose bucket: one per account, region and operation, shared by all the account's keys and instances (limits.md §6). */
record BucketKey(String accountId, String region, String operation) {

    /** The bucket's row id in the shared store. */
    String id() {
        return accountId + "/" + region + "/" + operation;
    }
}
