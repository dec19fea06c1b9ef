package dev.callgate.instance;

/**
 * An instance as ListInstances shows it: only the columns its summary needs. The SQLite driver reads each
 * column of each row through a native call, and every column's name again at every query
 * (bench/journal.md, "ListInstances reads only what it shows").
 */
public record InstanceSummaryRow(
        String id,
        String accountId,
        String region,
        String alias,
        String identityManagementType,
        boolean inboundCalls,
        boolean outboundCalls,
        long createdAtMillis) {
}
