package dev.callgate.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.http.WireResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one AWS service names its errors. The shared path raises the same refusals for every service
 * (see {@link ErrorCode}); a service whose model calls them otherwise, or gives them another status,
 * renames them here. Any other code is answered as it was raised.
 *
 * <p>Every error has the form all AWS SDKs read: the bare code in {@code x-amzn-ErrorType}, {@code __type}
 * and {@code Message} in the JSON body, the status, and the request id in {@code x-amzn-RequestId}.
 */
public final class ErrorCatalog {
    /** Each code as declared: Amazon Connect's names and statuses, also the operator and reports APIs' form. */
    public static final ErrorCatalog AS_DECLARED = new ErrorCatalog(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ErrorCatalog.class);

    private final Map<ErrorCode, ErrorCode> renamed;

    private ErrorCatalog(Map<ErrorCode, ErrorCode> renamed) {
        this.renamed = Map.copyOf(renamed);
    }

    /** A catalog that answers each shared refusal (the key) with the service's own code (the value). */
    public static ErrorCatalog renaming(Map<ErrorCode, ErrorCode> renamed) {
        return new ErrorCatalog(renamed);
    }

    /** The code this service answers for a raised one. */
    public ErrorCode of(ErrorCode raised) {
        return renamed.getOrDefault(raised, raised);
    }

    public WireResponse render(ServiceError error, String contentType, String requestId) {
        ErrorCode code = of(error.code());
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", code.wireName());
        body.put("Message", error.getMessage());
        error.members().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        Map<String, String> headers = new HashMap<>(error.headers());
        headers.put("Content-Type", contentType);
        headers.put("x-amzn-RequestId", requestId);
        headers.put("x-amzn-ErrorType", code.wireName());
        return new WireResponse(code.httpStatus(), headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The answer, or its refusal in this catalog's form; an unexpected failure is logged and answered as the
     * internal error, naming the request but not the cause.
     */
    public WireResponse answering(String contentType, String requestId, Supplier<WireResponse> answer) {
        try {
            return answer.get();
        } catch (ServiceError refusal) {
            return render(refusal, contentType, requestId);
        } catch (RuntimeException failure) {
            LOG.error("Request {} failed", requestId, failure);
            return render(new ServiceError(ErrorCode.INTERNAL_SERVICE,
                    "Internal failure (request " + requestId + "): " + failure.getClass().getSimpleName()), contentType, requestId);
        }
    }
}
