package dev.callgate.aws;

import dev.callgate.http.WireRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes AWS JSON 1.0/1.1 requests ({@code POST /}) by their {@code X-Amz-Target} header,
 * {@code <prefix>.<Operation>}, e.g. {@code ServiceQuotasV20190624.ListServices}.
 */
public final class TargetRouter implements Router {
    private static final String HEADER = "x-amz-target";

    private final Map<String, Operation> byTarget = new HashMap<>();
    private final String prefix;

    public TargetRouter(ServiceModel model) {
        String anyPrefix = null;
        for (Operation operation : model.operations()) {
            byTarget.put(operation.target(), operation);
            anyPrefix = operation.target().substring(0, operation.target().indexOf('.') + 1);
        }
        this.prefix = anyPrefix;
    }

    @Override
    public Route route(WireRequest request) {
        String target = request.header(HEADER);
        Operation operation = target == null || !request.method().equals("POST") ? null : byTarget.get(target);
        return operation == null ? null : new Route(operation, Map.of());
    }

    @Override
    public String describe(WireRequest request) {
        String target = request.header(HEADER);
        return target == null ? request.method() + " " + request.rawPath() + " without X-Amz-Target"
                : request.method() + " " + request.rawPath() + " with X-Amz-Target '" + target + "'";
    }

    @Override
    public boolean claims(WireRequest request) {
        String target = request.header(HEADER);
        return target != null && target.startsWith(prefix);
    }
}
