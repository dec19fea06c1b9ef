package dev.callgate.operator;

import static dev.callgate.operator.OperatorApi.JSON;
import static dev.callgate.operator.OperatorApi.ok;
import static dev.callgate.operator.OperatorApi.readJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.aws.ServiceError;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.instance.Pages;
import dev.callgate.requests.ChangeRequest;
import dev.callgate.requests.ChangeRequests;
import dev.callgate.requests.Ports;
import dev.callgate.requests.RequestFilter;
import dev.callgate.requests.RequestJson;
import dev.callgate.requests.RequestKind;
import dev.callgate.requests.RequestStatus;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The operator's side of the request channel (docs/limits.md §7, §8):
 * <pre>
 * GET  /_callgate/requests?account=&amp;status=&amp;kind=&amp;limit=&amp;nextToken=
 *                                                    {"requests":[…], "nextToken": …} in creation order, a page of
 *                                                    {@code limit} (1–1000, default 100); nextToken is absent on the last
 * GET  /_callgate/requests/{id}                      one request
 * POST /_callgate/requests/{id}/approve              {"reason": …} optional; applies what it asks for
 * POST /_callgate/requests/{id}/deny                 {"reason": …} required
 * POST /_callgate/requests/{id}/advance              {"step": …, "portDate": "2026-12-24"} a port's next step
 * </pre>
 */
final class RequestControls {
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;
    private final ChangeRequests requests;
    private final Ports ports;

    RequestControls(ChangeRequests requests, Ports ports) {
        this.requests = requests;
        this.ports = ports;
    }

    /** The answer to a route under /_callgate/requests, or null when the path is not one. */
    WireResponse handle(WireRequest request, List<String> path) {
        if (path.isEmpty() || !path.get(0).equals("requests")) {
            return null;
        }
        String method = request.method();
        if (path.size() == 1 && method.equals("GET")) {
            RequestFilter filter = new RequestFilter(request.queryParam("account"), null,
                    parse(request.queryParam("kind"), RequestKind::valueOf, RequestKind.values()),
                    parse(request.queryParam("status"), RequestStatus::valueOf, RequestStatus.values()), null, null);
            Pages.Cursor cursor = Pages.cursor("operator requests/" + filter.accountId() + "/" + filter.kind() + "/" + filter.status(),
                    Pages.size(request, "limit", DEFAULT_PAGE, MAX_PAGE), request.queryParam("nextToken"));
            Pages.Page<ChangeRequest> page = requests.page(filter, cursor);
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("requests");
            page.items().forEach(r -> list.add(RequestJson.of(r)));
            if (page.nextToken() != null) {
                body.put("nextToken", page.nextToken());
            }
            return ok(body);
        }
        if (path.size() == 2 && method.equals("GET")) {
            return ok(RequestJson.of(requests.find(path.get(1))));
        }
        if (path.size() == 3 && method.equals("POST")) {
            String id = path.get(1);
            JsonNode body = readJson(request.body());
            String reason = body.path("reason").isTextual() ? body.path("reason").asText() : null;
            return switch (path.get(2)) {
                case "approve" -> ok(RequestJson.of(requests.approve(id, reason)));
                case "deny" -> ok(RequestJson.of(requests.deny(id, reason)));
                case "advance" -> ok(RequestJson.of(ports.advance(id, body.path("step").asText(null), body.path("portDate").asText(null), reason)));
                default -> null;
            };
        }
        return null;
    }

    private static <T> T parse(String value, Function<String, T> parse, Object[] known) {
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw ServiceError.invalidParameter("'" + value + "' is not one of " + Arrays.toString(known) + ".");
        }
    }
}
