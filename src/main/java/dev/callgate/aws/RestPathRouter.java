package dev.callgate.aws;

import dev.callgate.http.Percent;
import dev.callgate.http.WireRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes REST-JSON requests by HTTP method and the operations' URI templates from the SDK model. */
public final class RestPathRouter implements Router {
    private final Map<String, List<Operation>> byMethod = new HashMap<>();

    public RestPathRouter(ServiceModel model) {
        for (Operation operation : model.operations()) {
            byMethod.computeIfAbsent(operation.httpMethod(), m -> new ArrayList<>()).add(operation);
        }
        byMethod.values().forEach(list -> list.sort(Comparator.comparingInt((Operation o) -> o.path().literals()).reversed()));
    }

    @Override
    public Route route(WireRequest request) {
        List<String> path = Percent.pathSegments(request.rawPath());
        for (Operation operation : byMethod.getOrDefault(request.method(), List.of())) {
            Map<String, String> params = operation.path().match(path);
            if (params != null) {
                return new Route(operation, params);
            }
        }
        return null;
    }

    @Override
    public String describe(WireRequest request) {
        return request.method() + " " + request.rawPath();
    }

    @Override
    public boolean claims(WireRequest request) {
        return false;
    }
}
