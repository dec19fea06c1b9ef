package dev.callgate.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON as AWS services read it: one UTF-8 document and nothing after it, no member named twice, within
 * Jackson's input limits (nesting depth 1000, numbers of 1000 digits). A document that breaks any of
 * these is {@link Malformed}, with a message that says why.
 */
public final class StrictJson {
    private static final ObjectReader READER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** The document in {@code bytes}, which must be UTF-8; null when there is none (only whitespace). */
    public static JsonNode read(byte[] bytes) {
        requireUtf8(bytes);
        try {
            return orNull(READER.readTree(bytes));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document in {@code text}; null when there is none. */
    public static JsonNode read(String text) {
        try {
            return orNull(READER.readTree(text));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null || node.isMissingNode() ? null : node;
    }

    /**
     * Jackson would read UTF-16 and UTF-32 by their byte patterns; AWS JSON is UTF-8 only. Those encodings
     * put a NUL byte or a byte-order mark in the first bytes, which no UTF-8 JSON text has.
     */
    private static void requireUtf8(byte[] bytes) {
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0 || b == 0xFE || b == 0xFF) {
                throw new Malformed("it is not UTF-8 (byte " + i + " is 0x" + Integer.toHexString(b) + ")");
            }
        }
    }

    private static Malformed malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at == JsonLocation.NA ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new Malformed(e.getOriginalMessage() + where);
    }

    /** A document that is not strict JSON; the message says what is wrong, to follow "is not valid JSON: ". */
    public static final class Malformed extends RuntimeException {
        Malformed(String problem) {
            super(problem, null, false, false);
        }
    }
}
