package dev.callgate.limits.quota;

import dev.callgate.aws.ServiceError;

/** The refusal of a charge that would take a quota past its applied value. */
public final class QuotaExceeded extends ServiceError {
    public QuotaExceeded(Quota quota, long limit, long usage, String where) {
        super(quota.refusal(), String.format("%s is %d %s and its usage is %d: the limit has been reached.",
                quota.describe(), limit, where, usage));
    }

    /** The refusal of a charge of several units at once (e.g. a routing profile's queue entries). */
    public QuotaExceeded(Quota quota, long limit, long usage, long requested, String where) {
        super(quota.refusal(), String.format("%s is %d %s and its usage is %d: %d more would exceed it.",
                quota.describe(), limit, where, usage, requested));
    }
}
