package dev.callgate.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.http.WireResponse;
import dev.callgate.json.Json;
import dev.callgate.loop.LoopAttempt;
import java.io.UncheckedIOException;
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
 * and {@code Message} in the JSON body, and the status. The request id in {@code x-amzn-RequestId} is the
 * front's, on every answer (HttpConnection).
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

    public WireResponse render(ServiceError error, String contentType) {
        ErrorCode code = of(error.code());
        // Sized for the error's own headers and these two at once: copying the error's headers alone would size the
        // table for them, and the puts would then grow it.
        Map<String, String> headers = new HashMap<>(2 * (error.headers().size() + 2));
        headers.putAll(error.headers());
        headers.put("Content-Type", contentType);
        headers.put("x-amzn-ErrorType", code.wireName());
        return new WireResponse(code.httpStatus(), headers, body(code, error));
    }

    // Written around Jackson's string quoting, without a tree or a generator: a client hammering an empty throttle
    // bucket gets this for every call, and setting up a generator cost more than the writing (bench/throttle/README.md).
    private static byte[] body(ErrorCode code, ServiceError error) {
        StringBuilder json = new StringBuilder(256).append('{');
        quoted(json, "__type").append(':');
        quoted(json, code.wireName()).append(',');
        quoted(json, "Message").append(':');
        quoted(json, error.getMessage());
        for (Map.Entry<String, Object> member : error.members().entrySet()) {
            quoted(json.append(','), member.getKey()).append(':').append(valueOf(member.getValue()));
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder quoted(StringBuilder json, String text) {
        if (text == null) {
            return json.append("null");
        }
        json.append('"');
        if (needsEscapes(text)) {
            JsonStringEncoder.getInstance().quoteAsString(text, json);
        } else {
            json.append(text); // in one copy: the encoder appends a character at a time
        }
        return json.append('"');
    }

    /** Whether the text has a character JSON escapes: a quote, a backslash or a control character. */
    private static boolean needsEscapes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private static String valueOf(Object member) {
        try {
            return JSON.writeValueAsString(member);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
            return render(refusal, contentType);
        } catch (RuntimeException failure) {
            return failed(failure, contentType, requestId);
        }
    }

    /** An unexpected failure, logged and answered as the internal error, naming the request but not the cause. */
    public WireResponse failed(RuntimeException failure, String contentType, String requestId) {
        LOG.error("Request {} failed", requestId, failure);
        return render(new ServiceError(ErrorCode.INTERNAL_SERVICE,
                "Internal failure (request " + requestId + "): " + failure.getClass().getSimpleName()), contentType);
    }
}
