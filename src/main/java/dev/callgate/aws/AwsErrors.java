package dev.callgate.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.aws.ServiceError;
import dev.callgate.http.WireResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The error form every AWS SDK reads (connect-api.md §2.2): the bare code in {@code x-amzn-ErrorType},
 * {@code __type} and {@code Message} in the JSON body, the modelled HTTP status, a request id.
 */
public final class AwsErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsErrors() {
    }

    public static WireResponse of(ServiceError error, String requestId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", error.code().wireName());
        body.put("Message", error.getMessage());
        error.members().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        Map<String, String> headers = new HashMap<>(error.headers());
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("x-amzn-ErrorType", error.code().wireName());
        return new WireResponse(error.code().httpStatus(), headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
