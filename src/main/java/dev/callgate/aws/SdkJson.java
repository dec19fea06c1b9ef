package dev.callgate.aws;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.http.HttpResponseHandler;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.protocols.json.AwsJsonProtocol;
import software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory;
import software.amazon.awssdk.protocols.json.JsonOperationMetadata;

/**
 * Amazon Connect's JSON form of any SDK shape (see docs/architecture.md): timestamps as epoch seconds, Connect's
 * member casing, nesting as modelled. Written by {@link ShapeWriter} (the SDK marshaller's bytes, without its
 * HTTP request), read by the SDK's own REST-JSON unmarshaller.
 * The wire uses it for requests and responses; the services use it to store resource descriptions.
 */
public final class SdkJson {
    private static final JsonOperationMetadata JSON_PAYLOAD =
            JsonOperationMetadata.builder().isPayloadJson(true).hasStreamingSuccessResponse(false).build();
    private static final AwsJsonProtocolFactory PROTOCOL = protocol(AwsJsonProtocol.REST_JSON);

    private SdkJson() {
    }

    /** The JSON of a shape's payload members, as both REST-JSON and AWS JSON 1.1 services write it. */
    public static byte[] encode(SdkPojo pojo) {
        return ShapeWriter.write(pojo);
    }

    public static String encodeToString(SdkPojo pojo) {
        return new String(encode(pojo), StandardCharsets.UTF_8);
    }

    /**
     * Fills {@code builder} (a shape's builder) from JSON and builds it.
     *
     * @throws Exception whatever the SDK's unmarshaller throws on input it cannot read
     */
    @SuppressWarnings("unchecked")
    public static <T extends SdkPojo> T decode(byte[] json, SdkPojo builder) throws Exception {
        HttpResponseHandler<T> handler = PROTOCOL.createResponseHandler(JSON_PAYLOAD, () -> builder);
        SdkHttpFullResponse carrier = SdkHttpFullResponse.builder()
                .statusCode(200)
                .content(AbortableInputStream.create(new ByteArrayInputStream(json)))
                .build();
        return handler.handle(carrier, new ExecutionAttributes());
    }

    /** Decodes JSON that Callgate wrote itself, where a failure is a bug, not bad input. */
    public static <T extends SdkPojo> T decodeStored(String json, SdkPojo builder) {
        try {
            return decode(json.getBytes(StandardCharsets.UTF_8), builder);
        } catch (Exception e) {
            throw new IllegalStateException("Stored document cannot be read: " + json, e);
        }
    }

    private static AwsJsonProtocolFactory protocol(AwsJsonProtocol protocol) {
        return AwsJsonProtocolFactory.builder()
                .clientConfiguration(SdkClientConfiguration.builder()
                        .option(SdkClientOption.ENDPOINT, URI.create("http://localhost")).build())
                .protocol(protocol)
                .protocolVersion("1.1")
                .build();
    }

}
