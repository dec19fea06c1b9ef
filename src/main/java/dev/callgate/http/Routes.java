package dev.callgate.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The route table of the HTTP port: each route is a method (or {@code *}) and a path pattern whose
 * segments are literals, {@code {name}} (any one segment) or a final {@code **} (any rest, even none).
 * The first route that matches answers; a request no route matches goes to the fallback.
 */
public final class Routes {
    private final List<Route> routes = new ArrayList<>();
    private final Endpoint fallback;

    public Routes(Endpoint fallback) {
        this.fallback = fallback;
    }

    public Routes on(String method, String pathPattern, Endpoint endpoint) {
        routes.add(new Route(method, Percent.pathSegments(pathPattern), endpoint));
        return this;
    }

    /** The endpoint of a request, or the fallback when the request is not known (null). */
    Endpoint endpointFor(WireRequest request) {
        if (request == null) {
            return fallback;
        }
        List<String> path = request.path();
        for (Route route : routes) {
            if (route.matches(request.method(), path)) {
                return route.endpoint();
            }
        }
        return fallback;
    }

    private record Route(String method, List<String> pattern, Endpoint endpoint) {
        boolean matches(String requestMethod, List<String> path) {
            if (!method.equals("*") && !method.equals(requestMethod)) {
                return false;
            }
            for (int i = 0; i < pattern.size(); i++) {
                String segment = pattern.get(i);
                if (segment.equals("**")) {
                    return true;
                }
                if (i >= path.size() || !(segment.startsWith("{") || segment.equals(path.get(i)))) {
                    return false;
                }
            }
            return path.size() == pattern.size();
        }
    }
}
