package dev.callgate.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One operation of an AWS service model: its wire name, HTTP binding, {@code X-Amz-Target} value
 * (AWS JSON services; null for REST ones) and request shape.
 */
public record Operation(String name, String httpMethod, PathTemplate path, String target, Class<?> requestClass,
        Supplier<SdkPojo> requestBuilder) {
}
