package dev.callgate.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callgate.aws.ServiceError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Checks a request against its shape before it reaches a handler: each JSON member has the kind
 * its SDK field declares, and every member the model marks required is present (the Java SDK never
 * checks either, connect-api.md §8.13). Refusals say which member was wrong, with its path.
 */
final class MemberValidator {
    private final Map<String, List<String>> required = new ConcurrentHashMap<>();

    MemberValidator(String requiredMembersResource) {
        Properties properties = new Properties();
        try (InputStream in = MemberValidator.class.getResourceAsStream(requiredMembersResource)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.forEach((shape, members) -> required.put((String) shape, Arrays.asList(((String) members).split(","))));
    }

    /** Validates the JSON payload of a request shape; {@code present} tells whether a non-payload member was sent. */
    void validateRequest(String shape, List<SdkField<?>> fields, JsonNode payload, Predicate<SdkField<?>> present) {
        for (SdkField<?> field : fields) {
            boolean inPayload = field.location() == MarshallLocation.PAYLOAD;
            JsonNode value = inPayload ? payload.get(field.locationName()) : null;
            if (inPayload && value != null && !value.isNull()) {
                checkKind(field, value, field.locationName());
            } else if (isRequired(shape, field) && (inPayload || !present.test(field))) {
                throw missing(field.locationName());
            }
        }
    }

    private void checkStructure(String shape, List<SdkField<?>> fields, JsonNode object, String path) {
        for (SdkField<?> field : fields) {
            JsonNode value = object.get(field.locationName());
            String memberPath = path + "." + field.locationName();
            if (value != null && !value.isNull()) {
                checkKind(field, value, memberPath);
            } else if (isRequired(shape, field)) {
                throw missing(memberPath);
            }
        }
    }

    private boolean isRequired(String shape, SdkField<?> field) {
        return required.getOrDefault(shape, List.of()).contains(field.locationName());
    }

    private void checkKind(SdkField<?> field, JsonNode value, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            expect(value.isTextual(), path, "a string", value);
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.SHORT) {
            expect(value.isIntegralNumber(), path, "an integer", value);
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.BIG_DECIMAL
                || type == MarshallingType.INSTANT) {
            expect(value.isNumber(), path, type == MarshallingType.INSTANT ? "a timestamp in epoch seconds" : "a number", value);
        } else if (type == MarshallingType.BOOLEAN) {
            expect(value.isBoolean(), path, "a boolean", value);
        } else if (type == MarshallingType.LIST) {
            expect(value.isArray(), path, "a list", value);
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            for (int i = 0; i < value.size(); i++) {
                checkElement(member, value.get(i), path + "[" + i + "]");
            }
        } else if (type == MarshallingType.MAP) {
            expect(value.isObject(), path, "a map", value);
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            value.fields().forEachRemaining(e -> checkElement(member, e.getValue(), path + "." + e.getKey()));
        } else if (type == MarshallingType.SDK_POJO) {
            expect(value.isObject(), path, "a structure", value);
            SdkPojo nested = field.constructor().get();
            checkStructure(shapeName(nested), nested.sdkFields(), value, path);
        }
    }

    private void checkElement(SdkField<?> member, JsonNode element, String path) {
        if (element == null || element.isNull()) {
            throw ServiceError.invalidParameter("Member " + path + " must not be null.");
        }
        checkKind(member, element, path);
    }

    private static String shapeName(SdkPojo builder) {
        Class<?> type = builder.getClass();
        return type.getEnclosingClass() != null ? type.getEnclosingClass().getSimpleName() : type.getSimpleName();
    }

    private static void expect(boolean ok, String path, String kind, JsonNode value) {
        if (!ok) {
            throw ServiceError.invalidParameter("Member " + path + " must be " + kind + ", but the request has "
                    + value.getNodeType().name().toLowerCase() + " " + abbreviate(value.toString()) + ".");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static ServiceError missing(String path) {
        return ServiceError.invalidParameter("Required member " + path + " is missing.");
    }
}
