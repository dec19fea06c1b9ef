package dev.callgate.store;

import java.util.Map;

/** An instance as stored; {@code defaultsStored} is false until its default resources have rows. */
public record InstanceRow(
        String id,
        String accountId,
        String region,
        String alias,
        String identityManagementType,
        String directoryId,
        boolean inboundCalls,
        boolean outboundCalls,
        String edition,
        long createdAtMillis,
        String clientToken,
        Map<String, String> tags,
        boolean defaultsStored) {
}
