package dev.callgate.aws;

import dev.callgate.http.WireRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes REST-JSON requests by HTTP method and the operations' URI templates from the SDK model. */
public final class RestPathRouter implements Router {
    /** The operations by method and number of path segments (a template matches paths of its own length only). */
    private final Map<Shape, List<Operation>> byShape = new HashMap<>();

    public RestPathRouter(ServiceModel model) {
        for (Operation operation : model.operations()) {
            byShape.computeIfAbsent(new Shape(operation.httpMethod(), operation.path().segments()), m -> new ArrayList<>()).add(operation);
        }
        byShape.values().forEach(list -> list.sort(Comparator.comparingInt((Operation o) -> o.path().literals()).reversed()));
    }

    @Override
    public Route route(WireRequest request) {
        List<String> path = request.path();
        for (Operation operation : byShape.getOrDefault(new Shape(request.method(), path.size()), List.of())) {
            Map<String, String> params = operation.path().match(path);
            if (params != null) {
                return new Route(operation, params);
            }
        }
        return null;
    }

    private record Shape(String method, int segments) {
        // Written out: the record's generated equals and hashCode went through a method handle that the compiler
        // did not inline, on every call's lookup (bench/throttle/README.md).
        @Override
        public boolean equals(Object other) {
            return other instanceof Shape shape && segments == shape.segments && method.equals(shape.method);
        }

        @Override
        public int hashCode() {
            return 31 * method.hashCode() + segments;
        }
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
