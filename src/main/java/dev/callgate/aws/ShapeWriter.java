package dev.callgate.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.DateUtils;

/**
 * An SDK shape's payload members as JSON, written straight from its fields' metadata: the bytes the SDK's own
 * JSON marshaller writes (a test holds every Connect and Service Quotas shape to that), without the HTTP request
 * the SDK builds around them, which cost a fifth of a read's time (bench/journal.md). Members that are not set,
 * lists and maps never set, and map entries without a value are left out, as the SDK does.
 */
final class ShapeWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private ShapeWriter() {
    }

    static byte[] write(SdkPojo shape) {
        Written out = new Written();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writeShape(json, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.bytes();
    }

    /**
     * What the generator writes, kept without a spare copy: the generator gathers an answer in its own recycled
     * buffer and hands over the whole of one under 8,000 bytes in a single write, which this stream takes into an
     * array of exactly that size. (A stream that started at 512 bytes and copied out at the end left about 5 KB of
     * garbage per ListInstances answer.)
     */
    private static final class Written extends ByteArrayOutputStream {
        Written() {
            super(0);
        }

        byte[] bytes() {
            return count == buf.length ? buf : Arrays.copyOf(buf, count);
        }
    }

    private static void writeShape(JsonGenerator json, SdkPojo shape) throws IOException {
        json.writeStartObject();
        for (SdkField<?> field : shape.sdkFields()) {
            Object value = field.location() == MarshallLocation.PAYLOAD ? field.getValueOrDefault(shape) : null;
            if (value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap)) {
                json.writeFieldName(field.locationName());
                writeValue(json, field, value);
            }
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, SdkField<?> field, Object value) throws IOException {
        MarshallingType<?> type = field.marshallingType();
        if (value == null) {
            json.writeNull();
        } else if (type == MarshallingType.SDK_POJO) {
            writeShape(json, (SdkPojo) value);
        } else if (type == MarshallingType.LIST) {
            writeList(json, field.getRequiredTrait(ListTrait.class).memberFieldInfo(), (List<?>) value);
        } else if (type == MarshallingType.MAP) {
            writeMap(json, field.getRequiredTrait(MapTrait.class).valueFieldInfo(), (Map<?, ?>) value);
        } else if (type == MarshallingType.INSTANT) {
            writeInstant(json, field, (Instant) value);
        } else {
            writeScalar(json, value);
        }
    }

    private static void writeList(JsonGenerator json, SdkField<?> member, List<?> list) throws IOException {
        json.writeStartArray();
        for (Object element : list) {
            writeValue(json, member, element);
        }
        json.writeEndArray();
    }

    private static void writeMap(JsonGenerator json, SdkField<?> valueField, Map<?, ?> map) throws IOException {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() != null) {
                json.writeFieldName((String) entry.getKey());
                writeValue(json, valueField, entry.getValue());
            }
        }
        json.writeEndObject();
    }

    private static void writeInstant(JsonGenerator json, SdkField<?> field, Instant instant) throws IOException {
        TimestampFormatTrait trait = field.getTrait(TimestampFormatTrait.class);
        TimestampFormatTrait.Format format = trait == null ? TimestampFormatTrait.Format.UNIX_TIMESTAMP : trait.format();
        switch (format) {
            case ISO_8601 -> json.writeString(DateUtils.formatIso8601Date(instant));
            case RFC_822 -> json.writeString(DateUtils.formatRfc822Date(instant));
            case UNIX_TIMESTAMP_MILLIS -> json.writeNumber(instant.toEpochMilli());
            default -> json.writeNumber(DateUtils.formatUnixTimestampInstant(instant));
        }
    }

    private static void writeScalar(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue()); // the same digits whatever the width
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number); // not widened: a float's shortest digits differ from its double's
        } else if (value instanceof java.math.BigDecimal number) {
            json.writeString(number.toString());
        } else if (value instanceof SdkBytes bytes) {
            json.writeBinary(bytes.asByteArrayUnsafe());
        } else if (value instanceof Document document) {
            writeDocument(json, document);
        } else {
            throw new IllegalArgumentException("No JSON form for " + value.getClass().getName());
        }
    }

    private static void writeDocument(JsonGenerator json, Document document) throws IOException {
        if (document.isNull()) {
            json.writeNull();
        } else if (document.isBoolean()) {
            json.writeBoolean(document.asBoolean());
        } else if (document.isNumber()) {
            json.writeNumber(document.asNumber().stringValue());
        } else if (document.isString()) {
            json.writeString(document.asString());
        } else if (document.isList()) {
            json.writeStartArray();
            for (Document element : document.asList()) {
                writeDocument(json, element);
            }
            json.writeEndArray();
        } else {
            json.writeStartObject();
            for (Map.Entry<String, Document> entry : document.asMap().entrySet()) {
                json.writeFieldName(entry.getKey());
                writeDocument(json, entry.getValue());
            }
            json.writeEndObject();
        }
    }
}
