package dev.callgate.aws;

import dev.callgate.http.WireRequest;
import software.amazon.awssdk.core.SdkPojo;

/**
 * A protocol's wire form, driven by the SDK's model metadata: decodes a request into the SDK's request
 * type (built once, from one parse of the body), encodes the SDK's response type with the SDK's own
 * marshaller, and names the content type of both.
 */
public interface Codec {

    String contentType();

    SdkPojo decode(Router.Route route, WireRequest request);

    byte[] encode(SdkPojo response);
}
