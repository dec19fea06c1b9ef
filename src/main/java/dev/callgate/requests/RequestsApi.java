package dev.callgate.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ServiceError;
import dev.callgate.aws.SigV4Authenticator;
import dev.callgate.aws.SignedJsonEndpoint;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.instance.Pages;
import dev.callgate.json.Json;
import dev.callgate.servicequotas.ServiceQuotasErrors;
import java.util.List;

/**
 * Callgate's own request API, for the requests Service Quotas has no code for (docs/limits.md §7),
 * JSON under {@code /_callgate/instances/{instanceId}/requests}, authenticated by SigV4 like the AWS
 * APIs: an account sees only its own instances and requests.
 *
 * <pre>
 * POST …/requests        {"kind":"ADD_COUNTRIES"|"REMOVE_COUNTRIES","countries":["FR"]}
 *                        {"kind":"LIFT_PREFIX","prefix":"+447"}
 *                        {"kind":"PORT_NUMBERS","numbers":["+12025550123"]}          → 201 the request
 * GET  …/requests?maxResults&amp;nextToken   {"requests":[…],"nextToken":…}, every kind, creation order
 * GET  …/requests/{id}   the request
 * </pre>
 */
public final class RequestsApi extends SignedJsonEndpoint {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int PAGE = 100;

    private final InstanceService instances;
    private final InstanceChanges changes;
    private final ChangeRequests requests;

    public RequestsApi(SigV4Authenticator authenticator, InstanceService instances, InstanceChanges changes, ChangeRequests requests) {
        super(authenticator);
        this.instances = instances;
        this.changes = changes;
        this.requests = requests;
    }

    @Override
    protected WireResponse handle(Caller caller, WireRequest request) {
        // _callgate / instances / {instanceId} / requests [/ {id}]
        List<String> path = request.path();
        String method = request.method();
        if (path.size() == 4 && method.equals("POST")) {
            return json(201, RequestJson.of(changes.submit(caller, path.get(2), body(request))));
        }
        InstanceRow instance = instances.find(caller, path.get(2));
        if (path.size() == 4 && method.equals("GET")) {
            Pages.Cursor cursor = Pages.cursor("requests@" + instance.id(), Pages.size(request, "maxResults", PAGE, PAGE),
                    request.queryParam("nextToken"));
            Pages.Page<ChangeRequest> page = requests.page(new RequestFilter(caller.accountId(), null, null, null, null, null)
                    .forInstance(instance.id()), cursor);
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("requests");
            page.items().forEach(r -> list.add(RequestJson.of(r)));
            return json(200, body.put("nextToken", page.nextToken()));
        }
        if (path.size() == 5 && method.equals("GET")) {
            ChangeRequest found = requests.get(caller, path.get(4));
            if (!instance.id().equals(found.instanceId())) {
                throw new ServiceError(ServiceQuotasErrors.NO_SUCH_RESOURCE, "No request " + path.get(4) + " for instance " + instance.id() + ".");
            }
            return json(200, RequestJson.of(found));
        }
        throw ServiceError.invalidRequest("No request operation matches " + method + " " + request.rawPath() + ".");
    }

}
