package dev.callgate.aws;

import dev.callgate.http.WireRequest;
import java.util.Map;

/** Picks the operation a request calls: by method and path (REST protocols) or by {@code X-Amz-Target} (AWS JSON). */
public interface Router {

    /** The operation the request calls, with its path parameters, or null when none matches. */
    Route route(WireRequest request);

    /** What of the request the router reads, for the refusal of one that matches nothing. */
    String describe(WireRequest request);

    /** Whether an unsigned request is plainly for this service (it names the service's target prefix). */
    boolean claims(WireRequest request);

    record Route(Operation operation, Map<String, String> pathParams) {
    }
}
