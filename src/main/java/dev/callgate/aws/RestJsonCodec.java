package dev.callgate.aws;

import dev.callgate.http.WireRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The REST-JSON protocol (Amazon Connect): payload members in a JSON body, the others in the path,
 * the query string and headers, as each SDK field's location says. Responses are encoded by the SDK's
 * own REST-JSON marshaller, so timestamps, casing and nesting are exactly what the client expects.
 */
public final class RestJsonCodec implements Codec {
    private final ShapeReader reader;

    /**
     * @param requiredMembersResource the classpath properties naming each shape's required members
     * @param constraintsResource the classpath properties of each member's constraints
     */
    public RestJsonCodec(String requiredMembersResource, String constraintsResource) {
        this.reader = new ShapeReader(requiredMembersResource, constraintsResource);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public SdkPojo decode(Router.Route route, WireRequest request) {
        Operation operation = route.operation();
        SdkPojo builder = operation.requestBuilder();
        Map<String, String> pathParams = route.pathParams();
        String shape = operation.requestClass().getSimpleName();
        reader.readRequest(shape, builder, JsonPayload.parse(request.body()), field -> nonPayloadValue(field, pathParams, request) != null);
        for (SdkField<?> field : builder.sdkFields()) {
            String text = nonPayloadValue(field, pathParams, request);
            if (text != null) {
                Object value = fromText(field, text, request);
                reader.check(shape, field.locationName(), value);
                field.set(builder, value);
            }
        }
        return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    }

    @Override
    public byte[] encode(SdkPojo response) {
        return SdkJson.encode(response);
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
        try {
            if (type == MarshallingType.LIST) {
                return field.location() == MarshallLocation.QUERY_PARAM ? List.copyOf(request.query().get(field.locationName())) : List.of(text);
            } else if (type == MarshallingType.INTEGER) {
                return Integer.valueOf(text);
            } else if (type == MarshallingType.LONG) {
                return Long.valueOf(text);
            } else if (type == MarshallingType.BOOLEAN) {
                return parseBoolean(text);
            } else if (type == MarshallingType.INSTANT) {
                return Instant.parse(text);
            }
            return text;
        } catch (RuntimeException e) {
            throw ServiceError.invalidParameter("Parameter " + field.locationName() + " has an invalid value '" + text
                    + "': expected " + type.toString().toLowerCase() + ".");
        }
    }

    private static Boolean parseBoolean(String text) {
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException(text);
        }
        return Boolean.valueOf(text);
    }
}
