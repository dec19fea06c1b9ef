package dev.callgate.aws;

import java.util.Map;

/**
 * A refusal that reaches the caller as a modelled error: the code, its HTTP status and a message
 * that says what was wrong. Extra members (e.g. ResourceInUseException's ResourceType) go into the
 * error body beside the message; headers (e.g. a throttle's Retry-After-Ms) go on the response.
 */
public class ServiceError extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> members;
    private final Map<String, String> headers;

    public ServiceError(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ServiceError(ErrorCode code, String message, Map<String, Object> members) {
        this(code, message, members, Map.of());
    }

    public ServiceError(ErrorCode code, String message, Map<String, Object> members, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.members = Map.copyOf(members);
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> members() {
        return members;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ServiceError invalidRequest(String message) {
        return new ServiceError(ErrorCode.INVALID_REQUEST, message);
    }

    public static ServiceError invalidParameter(String message) {
        return new ServiceError(ErrorCode.INVALID_PARAMETER, message);
    }

    public static ServiceError notFound(String message) {
        return new ServiceError(ErrorCode.RESOURCE_NOT_FOUND, message);
    }
}
