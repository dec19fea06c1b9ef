package dev.callgate.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.http.WireResponse;
import dev.callgate.json.Json;
import dev.callgate.loop.LoopAttempt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static final ObjectMapper JSON = Json.MAPPER;
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
        Map<String, String> headers = new HashMap<>(error.headers());
        headers.put("Content-Type", contentType);
        headers.put("x-amzn-RequestId", requestId);
        headers.put("x-amzn-ErrorType", code.wireName());
        return new WireResponse(code.httpStatus(), headers, body(code, error));
    }

    // Streamed rather than built as a tree: a client hammering an empty throttle bucket gets this for every call.
    private static byte[] body(ErrorCode code, ServiceError error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("__type", code.wireName());
            json.writeStringField("Message", error.getMessage());
            for (Map.Entry<String, Object> member : error.members().entrySet()) {
                json.writeFieldName(member.getKey());
                JSON.writeValue(json, member.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The answer, or its refusal in this catalog's form; an unexpected failure is logged and answered as the
     * internal error, naming the request but not the cause.
     */
    public WireResponse answering(String contentType, String requestId, Supplier<WireResponse> answer) {
        try {
            return answer.get();
        } catch (LoopAttempt.WouldWait handOff) {
            throw handOff; // not a failure: the work runs again where it may wait
        } catch (ServiceError refusal) {
            return render(refusal, contentType, requestId);
        } catch (RuntimeException failure) {
            return failed(failure, contentType, requestId);
        }
    }

    /** An unexpected failure, logged and answered as the internal error, naming the request but not the cause. */
    public WireResponse failed(RuntimeException failure, String contentType, String requestId) {
        LOG.error("Request {} failed", requestId, failure);
        return render(new ServiceError(ErrorCode.INTERNAL_SERVICE,
                "Internal failure (request " + requestId + "): " + failure.getClass().getSimpleName()), contentType, requestId);
    }
}
