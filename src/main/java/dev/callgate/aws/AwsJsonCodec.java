package dev.callgate.aws;

import dev.callgate.http.WireRequest;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The AWS JSON 1.1 protocol (Service Quotas): every operation is {@code POST /} whose JSON body is the
 * whole request; the response is the SDK's AWS JSON marshalling of the response shape.
 */
public final class AwsJsonCodec implements Codec {
    private final ShapeReader reader;

    /**
     * @param requiredMembersResource the classpath properties naming each shape's required members
     * @param constraintsResource the classpath properties of each member's constraints
     */
    public AwsJsonCodec(String requiredMembersResource, String constraintsResource) {
        this.reader = new ShapeReader(requiredMembersResource, constraintsResource);
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.1";
    }

    @Override
    public SdkPojo decode(Router.Route route, WireRequest request) {
        Operation operation = route.operation();
        SdkPojo builder = operation.requestBuilder();
        reader.readRequest(operation.requestClass().getSimpleName(), builder, JsonPayload.parse(request.body()), field -> false);
        return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    }

    @Override
    public byte[] encode(SdkPojo response) {
        return SdkJson.encode(response);
    }
}
