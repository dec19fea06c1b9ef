package dev.callgate.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callgate.accounts.Caller;
import dev.callgate.http.Endpoint;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Callgate's own JSON APIs that callers sign with SigV4 like the AWS APIs (reports, calls, requests):
 * each request is authenticated as the AWS faces authenticate it, its body read as strictly as
 * theirs, and every refusal answered in the AWS error form with the statuses Connect declares.
 */
public abstract class SignedJsonEndpoint implements Endpoint {
    private final SigV4Authenticator authenticator;

    protected SignedJsonEndpoint(SigV4Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public final WireResponse answer(WireRequest request, String requestId) {
        return ErrorCatalog.AS_DECLARED.answering("application/json", requestId,
                () -> handle(authenticator.authenticate(request, SigV4Authenticator.scope(request)), request));
    }

    @Override
    public final WireResponse refuse(WireRequest head, String message, String requestId) {
        return ErrorCatalog.AS_DECLARED.render(ServiceError.invalidRequest(message), "application/json");
    }

    /** The answer to an authenticated request, or a {@link ServiceError}. */
    protected abstract WireResponse handle(Caller caller, WireRequest request);

    /** The request's body: one strict UTF-8 JSON object (an empty body is an empty object). */
    protected static JsonNode body(WireRequest request) {
        return JsonPayload.parse(request.body());
    }

    protected static WireResponse json(int status, JsonNode body) {
        return new WireResponse(status, Map.of("Content-Type", "application/json"), body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
