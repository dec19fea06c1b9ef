package dev.callgate.aws;

import software.amazon.awssdk.core.SdkPojo;

/**
 * One operation of an AWS service model: its wire name, HTTP binding, {@code X-Amz-Target} value
 * (AWS JSON services; null for REST ones) and request shape.
 */
public record Operation(String name, String httpMethod, PathTemplate path, String target, RequestType request) {

    /** The SDK class of the operation's request, e.g. {@code CreateQueueRequest}. */
    public Class<?> requestClass() {
        return request.type();
    }

    /**
     * Whether the operation only reads: AWS names its read-only actions Describe*, List*, Get* and Search*
     * (a read that changes state on its first use, such as opening an instance, is still correct, only slower).
     */
    public boolean readsOnly() {
        return name.startsWith("Describe") || name.startsWith("List") || name.startsWith("Get") || name.startsWith("Search");
    }

    /**
     * Whether the operation is a brief read, worth trying on the event loop: a Describe* reads one resource. A List*
     * page may hold 1,000 rows, and Get* (metrics over many contacts) and Search* (filters over every row) may read
     * far more: each would hold up every connection of its loop, so they stay on the readers
     * (docs/architecture.md, "Reads on the event loop").
     */
    public boolean readsBriefly() {
        return name.startsWith("Describe");
    }

    /** A new builder of the operation's request. */
    public SdkPojo requestBuilder() {
        return request.builder();
    }
}
