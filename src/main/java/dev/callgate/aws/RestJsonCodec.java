package dev.callgate.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.aws.SdkJson;
import dev.callgate.aws.ServiceError;
import dev.callgate.http.WireRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.utils.builder.ToCopyableBuilder;

/**
 * A server-side REST-JSON codec driven by the SDK's model metadata (DESIGN.md, decision 1): requests
 * are decoded into the SDK's own request types, responses are the SDK's response types encoded by its
 * own protocol marshaller, so timestamps, casing and nesting are exactly what the client expects.
 */
public final class RestJsonCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MemberValidator validator;

    public RestJsonCodec(String requiredMembersResource) {
        this.validator = new MemberValidator(requiredMembersResource);
    }

    /** Decodes a request into its SDK request type, refusing anything its shape does not allow. */
    SdkPojo decodeRequest(Operation operation, Map<String, String> pathParams, WireRequest request) {
        JsonNode payload = parsePayload(request.body());
        List<SdkField<?>> fields = operation.requestBuilder().get().sdkFields();
        validator.validateRequest(operation.requestClass().getSimpleName(), fields, payload,
                field -> nonPayloadValue(field, pathParams, request) != null);
        SdkPojo decoded;
        try {
            decoded = SdkJson.decode(payload.toString().getBytes(StandardCharsets.UTF_8), operation.requestBuilder().get());
        } catch (Exception e) {
            throw ServiceError.invalidRequest("The request body could not be read: " + e.getMessage());
        }
        // The SDK's unmarshaller reads only the payload; path, query and header members are set afterwards.
        SdkPojo builder = (SdkPojo) ((ToCopyableBuilder<?, ?>) decoded).toBuilder();
        for (SdkField<?> field : fields) {
            String text = nonPayloadValue(field, pathParams, request);
            if (text != null) {
                field.set(builder, fromText(field, text, request));
            }
        }
        return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    }

    /** Encodes an SDK response as Connect's JSON. */
    byte[] encode(SdkPojo response) {
        return SdkJson.encode(response);
    }

    private static JsonNode parsePayload(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                return JSON.createObjectNode();
            }
            if (!node.isObject()) {
                throw ServiceError.invalidRequest("The request body must be a JSON object, not " + node.getNodeType().name().toLowerCase() + ".");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ServiceError.invalidRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nonPayloadValue(SdkField<?> field, Map<String, String> pathParams, WireRequest request) {
        MarshallLocation location = field.location();
        if (location == MarshallLocation.PATH || location == MarshallLocation.GREEDY_PATH) {
            return pathParams.get(field.locationName());
        }
        if (location == MarshallLocation.QUERY_PARAM) {
            return request.queryParam(field.locationName());
        }
        if (location == MarshallLocation.HEADER) {
            return request.header(field.locationName());
        }
        return null;
    }

    private static Object fromText(SdkField<?> field, String text, WireRequest request) {
        MarshallingType<?> type = field.marshallingType();
        Object value;
        try {
            if (type == MarshallingType.LIST) {
                value = field.location() == MarshallLocation.QUERY_PARAM
                        ? List.copyOf(request.query().get(field.locationName())) : List.of(text);
            } else if (type == MarshallingType.INTEGER) {
                value = Integer.valueOf(text);
            } else if (type == MarshallingType.LONG) {
                value = Long.valueOf(text);
            } else if (type == MarshallingType.BOOLEAN) {
                value = parseBoolean(text);
            } else if (type == MarshallingType.INSTANT) {
                value = Instant.parse(text);
            } else {
                value = text;
            }
        } catch (RuntimeException e) {
            throw ServiceError.invalidParameter("Parameter " + field.locationName() + " has an invalid value '" + text
                    + "': expected " + type.toString().toLowerCase() + ".");
        }
        return value;
    }

    private static Boolean parseBoolean(String text) {
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException(text);
        }
        return Boolean.valueOf(text);
    }
}
