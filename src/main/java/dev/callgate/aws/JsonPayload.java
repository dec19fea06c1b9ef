package dev.callgate.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The JSON object a request body carries, parsed once for both JSON codecs. */
final class JsonPayload {
    private JsonPayload() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = StrictJson.read(body);
        } catch (StrictJson.Malformed e) {
            throw ServiceError.invalidRequest("The request body is not valid JSON: " + e.getMessage() + ".");
        }
        if (node == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw ServiceError.invalidRequest("The request body must be a JSON object, not " + node.getNodeType().name().toLowerCase() + ".");
        }
        return node;
    }
}
