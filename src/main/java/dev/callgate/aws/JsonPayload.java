package dev.callgate.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON object a request body carries, parsed once for both JSON codecs. */
final class JsonPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPayload() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonNode parse(byte[] body) {
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
}
