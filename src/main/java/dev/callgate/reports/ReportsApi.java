package dev.callgate.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ServiceError;
import dev.callgate.aws.SigV4Authenticator;
import dev.callgate.aws.SignedJsonEndpoint;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.instance.Pages;
import java.util.List;
import java.util.Map;

/**
 * Callgate's reports API (Connect has none), JSON under {@code /_callgate/instances/{instanceId}/reports},
 * authenticated by SigV4 like the AWS APIs: an account sees only its own instances. Errors have the
 * AWS form ({@code __type}, {@code Message}, the modelled status).
 *
 * <pre>
 * POST   …/reports                   save {name, ownerUserId, definition, published?} → 201
 * GET    …/reports?maxResults&amp;nextToken list
 * GET    …/reports/{id}              get
 * DELETE …/reports/{id}              delete
 * POST   …/reports/{id}/publish      publish
 * PUT    …/reports/{id}/schedule     schedule {recurrence, timeZone}
 * DELETE …/reports/{id}/schedule     unschedule
 * </pre>
 */
public final class ReportsApi extends SignedJsonEndpoint {
    private static final int PAGE = 100;

    private final ReportService reports;

    public ReportsApi(SigV4Authenticator authenticator, ReportService reports) {
        super(authenticator);
        this.reports = reports;
    }

    @Override
    protected WireResponse handle(Caller caller, WireRequest request) {
        // _callgate / instances / {instanceId} / reports [/ {id} [/ publish|schedule]]
        List<String> path = request.path();
        if (path.size() > 6) {
            throw notFound(request);
        }
        String instance = path.get(2);
        String report = path.size() > 4 ? path.get(4) : null;
        String action = path.size() > 5 ? path.get(5) : "";
        String method = request.method();
        if (report == null) {
            if (method.equals("POST")) {
                return json(201, reports.save(caller, instance, body(request)));
            }
            if (method.equals("GET")) {
                return json(200, reports.list(caller, instance, Pages.size(request, "maxResults", PAGE, PAGE), request.queryParam("nextToken")));
            }
        } else if (action.isEmpty()) {
            if (method.equals("GET")) {
                return json(200, reports.get(caller, instance, report));
            }
            if (method.equals("DELETE")) {
                reports.delete(caller, instance, report);
                return new WireResponse(204, Map.of(), new byte[0]);
            }
        } else if (action.equals("publish") && method.equals("POST")) {
            return json(200, reports.publish(caller, instance, report));
        } else if (action.equals("schedule") && method.equals("PUT")) {
            return json(200, reports.schedule(caller, instance, report, body(request)));
        } else if (action.equals("schedule") && method.equals("DELETE")) {
            return json(200, reports.unschedule(caller, instance, report));
        }
        throw notFound(request);
    }

    private static ServiceError notFound(WireRequest request) {
        return ServiceError.invalidRequest("No reports operation matches " + request.method() + " " + request.rawPath() + ".");
    }

}
