package dev.callgate.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/** One operation of an AWS service model: its name, HTTP binding and request shape. */
record Operation(String name, String httpMethod, PathTemplate path, Class<?> requestClass, Supplier<SdkPojo> requestBuilder) {
}
