package dev.callgate.limits.throttle;

/**
 * Whose bucket: one per account, region, AWS service and operation, shared by all the account's keys
 * and instances (limits.md §6). The service keeps two services' same-named operations (TagResource of
 * Connect and of Service Quotas) apart.
 */
record BucketKey(String accountId, String region, String service, String operation) {

    // Written out: the record's generated equals and hashCode went through a method handle that the compiler did
    // not inline, and every call looks its bucket up by this key twice, for its tokens and its tally (bench/throttle/README.md).
    @Override
    public boolean equals(Object other) {
        return other instanceof BucketKey key && accountId.equals(key.accountId) && operation.equals(key.operation)
                && region.equals(key.region) && service.equals(key.service);
    }

    @Override
    public int hashCode() {
        return ((accountId.hashCode() * 31 + region.hashCode()) * 31 + service.hashCode()) * 31 + operation.hashCode();
    }

    /** The bucket's row id in the shared store. */
    String id() {
        return accountId + "/" + region + "/" + service + "/" + operation;
    }
}
