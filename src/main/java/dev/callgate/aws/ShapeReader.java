package dev.callgate.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads a request's JSON payload into the SDK's builder of its shape in one walk over the parsed body,
 * checking on the way that each member has the kind its SDK field declares, that every member the
 * model marks required is present, and that each keeps the model's constraints ({@link MemberRules}):
 * the Java SDK checks none of these on the client side. Refusals say which member was wrong, with its
 * path. Members the shape does not know are ignored, and null is absent, except inside a search's
 * SearchCriteria and SearchFilter: there a member of a newer model than Callgate's would narrow the search,
 * so ignoring it would answer more than was asked; it is refused, named.
 */
final class ShapeReader {
    private static final double MAX_EPOCH_SECONDS = Instant.MAX.getEpochSecond();
    private static final List<String> CLOSED = List.of("SearchCriteria", "SearchFilter");
    private final Map<String, List<String>> required = new ConcurrentHashMap<>();
    private final MemberRules rules;

    ShapeReader(String requiredMembersResource, String constraintsResource) {
        this.rules = new MemberRules(constraintsResource);
        Properties properties = new Properties();
        try (InputStream in = ShapeReader.class.getResourceAsStream(requiredMembersResource)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.forEach((shape, members) -> required.put((String) shape, Arrays.asList(((String) members).split(","))));
    }

    /**
     * Sets the payload members of a request's {@code builder}; {@code present} tells whether a member
     * located elsewhere (path, query string, header) was sent, for the required check.
     */
    void readRequest(String shape, SdkPojo builder, JsonNode payload, Predicate<SdkField<?>> present) {
        Map<String, MemberRules.Rule> memberRules = rules.of(shape);
        for (SdkField<?> field : builder.sdkFields()) {
            boolean inPayload = field.location() == MarshallLocation.PAYLOAD;
            JsonNode value = inPayload ? payload.get(field.locationName()) : null;
            if (inPayload && value != null && !value.isNull()) {
                field.set(builder, read(field, value, field.locationName(), memberRules, field.locationName()));
            } else if (isRequired(shape, field) && (inPayload || !present.test(field))) {
                throw missing(field.locationName());
            }
        }
    }

    /** Checks a member that arrived outside the payload (path, query string, header) against the model's rules. */
    void check(String shape, String member, Object value) {
        check(rules.of(shape), member, value, member);
    }

    private static void check(Map<String, MemberRules.Rule> memberRules, String key, Object value, String path) {
        MemberRules.Rule rule = memberRules.get(key);
        if (rule != null) {
            rule.check(path, value);
        }
        if (value instanceof List<?> list && memberRules.containsKey(key + ".member")) {
            for (int i = 0; i < list.size(); i++) {
                check(memberRules, key + ".member", list.get(i), path + "[" + i + "]");
            }
        }
    }

    private Object readStructure(SdkPojo builder, JsonNode object, String path) {
        String shape = shapeName(builder);
        Map<String, MemberRules.Rule> memberRules = rules.of(shape);
        if (isClosed(path)) {
            refuseUnknown(builder, object, path);
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = object.get(field.locationName());
            String memberPath = path + "." + field.locationName();
            if (value != null && !value.isNull()) {
                field.set(builder, read(field, value, memberPath, memberRules, field.locationName()));
            } else if (isRequired(shape, field)) {
                throw missing(memberPath);
            }
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static boolean isClosed(String path) {
        for (String member : CLOSED) {
            if (path.startsWith(member) && (path.length() == member.length() || path.charAt(member.length()) == '.'
                    || path.charAt(member.length()) == '[')) {
                return true;
            }
        }
        return false;
    }

    private static void refuseUnknown(SdkPojo builder, JsonNode object, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!member.getValue().isNull() && builder.sdkFields().stream().noneMatch(f -> f.locationName().equals(member.getKey()))) {
                throw ServiceError.invalidParameter("Callgate cannot evaluate " + path + "." + member.getKey() + ": the model of"
                        + " Amazon Connect that Callgate serves (AWS SDK for Java " + VersionInfo.SDK_VERSION + ") has no such member,"
                        + " and a search never ignores part of what it is asked.");
            }
        }
    }

    private boolean isRequired(String shape, SdkField<?> field) {
        return required.getOrDefault(shape, List.of()).contains(field.locationName());
    }

    /** The member's value, of its field's kind and within the rules at {@code key} of its shape's rules. */
    private Object read(SdkField<?> field, JsonNode value, String path, Map<String, MemberRules.Rule> memberRules, String key) {
        Object read = convert(field, value, path, memberRules, key);
        MemberRules.Rule rule = memberRules.get(key);
        if (rule != null) {
            rule.check(path, read);
        }
        return read;
    }

    private Object convert(SdkField<?> field, JsonNode value, String path, Map<String, MemberRules.Rule> memberRules, String key) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            expect(value.isTextual(), path, "a string", value);
            return value.textValue();
        } else if (type == MarshallingType.INTEGER) {
            expect(value.isIntegralNumber() && value.canConvertToInt(), path, "an integer", value);
            return value.intValue();
        } else if (type == MarshallingType.LONG) {
            expect(value.isIntegralNumber() && value.canConvertToLong(), path, "an integer", value);
            return value.longValue();
        } else if (type == MarshallingType.SHORT) {
            expect(value.isIntegralNumber() && value.canConvertToInt() && (short) value.intValue() == value.intValue(), path, "an integer", value);
            return value.shortValue();
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.BIG_DECIMAL) {
            expect(value.isNumber(), path, "a number", value);
            return type == MarshallingType.DOUBLE ? value.doubleValue() : type == MarshallingType.FLOAT ? value.floatValue() : value.decimalValue();
        } else if (type == MarshallingType.INSTANT) {
            expect(value.isNumber(), path, "a timestamp in epoch seconds", value);
            // Checked as a double first: 1e999999999 is a short number whose BigDecimal rounding never ends.
            if (!(Math.abs(value.doubleValue()) < MAX_EPOCH_SECONDS)) {
                throw ServiceError.invalidParameter("Timestamp " + abbreviate(value.toString()) + " is out of range.");
            }
            return epochSeconds(value.decimalValue());
        } else if (type == MarshallingType.BOOLEAN) {
            expect(value.isBoolean(), path, "a boolean", value);
            return value.booleanValue();
        } else if (type == MarshallingType.SDK_BYTES) {
            expect(value.isTextual(), path, "base64 text", value);
            return bytes(value.textValue(), path);
        } else if (type == MarshallingType.LIST) {
            expect(value.isArray(), path, "a list", value);
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                list.add(element(member, value.get(i), path + "[" + i + "]", memberRules, key + ".member"));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            expect(value.isObject(), path, "a map", value);
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            MemberRules.Rule keyRule = memberRules.get(key + ".key");
            value.fields().forEachRemaining(e -> {
                if (keyRule != null) {
                    keyRule.check(path + " key", e.getKey());
                }
                map.put(e.getKey(), element(member, e.getValue(), path + "." + e.getKey(), memberRules, key + ".value"));
            });
            return map;
        } else if (type == MarshallingType.SDK_POJO) {
            expect(value.isObject(), path, "a structure", value);
            return readStructure(field.constructor().get(), value, path);
        } else if (type == MarshallingType.DOCUMENT) {
            return document(value);
        }
        throw new IllegalStateException("Member " + path + " has a type Callgate cannot read: " + type);
    }

    private Object element(SdkField<?> member, JsonNode element, String path, Map<String, MemberRules.Rule> memberRules, String key) {
        if (element == null || element.isNull()) {
            throw ServiceError.invalidParameter("Member " + path + " must not be null.");
        }
        return read(member, element, path, memberRules, key);
    }

    private static Instant epochSeconds(BigDecimal seconds) {
        try {
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValue());
        } catch (ArithmeticException | DateTimeException e) {
            throw ServiceError.invalidParameter("Timestamp " + seconds + " is out of range.");
        }
    }

    private static SdkBytes bytes(String base64, String path) {
        try {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw ServiceError.invalidParameter("Member " + path + " must be base64 text.");
        }
    }

    private static Document document(JsonNode value) {
        if (value.isObject()) {
            Map<String, Document> members = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> members.put(e.getKey(), document(e.getValue())));
            return Document.fromMap(members);
        }
        if (value.isArray()) {
            List<Document> elements = new ArrayList<>();
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                elements.add(document(it.next()));
            }
            return Document.fromList(elements);
        }
        return value.isTextual() ? Document.fromString(value.textValue())
                : value.isBoolean() ? Document.fromBoolean(value.booleanValue())
                : value.isNumber() ? Document.fromNumber(value.decimalValue())
                : Document.fromNull();
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
