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

    /** A new builder of the operation's request. */
    public SdkPojo requestBuilder() {
        return request.builder();
    }
}
