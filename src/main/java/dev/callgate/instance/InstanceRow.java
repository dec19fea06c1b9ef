package dev.callgate.instance;

import java.util.Map;

/**
 * An instance as stored; {@code opened} is false until its first use writes its quota rows and
 * default resources.
 */
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
        boolean opened) {
}
