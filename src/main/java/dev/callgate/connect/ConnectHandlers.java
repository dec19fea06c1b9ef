package dev.callgate.connect;

import dev.callgate.accounts.Caller;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;

/**
 * The Connect operations Callgate implements, by operation name, each a typed function from the
 * SDK's request type to its response type. Operations not registered here answer a clear error.
 */
public final class ConnectHandlers {
    private final Map<String, Handler<ConnectRequest, ConnectResponse>> byOperation = new HashMap<>();

    public ConnectHandlers(InstanceService instances, MetricService metrics) {
        on(software.amazon.awssdk.services.connect.model.CreateInstanceRequest.class, instances::create);
        on(software.amazon.awssdk.services.connect.model.DescribeInstanceRequest.class, instances::describe);
        on(software.amazon.awssdk.services.connect.model.ListInstancesRequest.class, instances::list);
        on(software.amazon.awssdk.services.connect.model.DeleteInstanceRequest.class, instances::delete);
        on(software.amazon.awssdk.services.connect.model.GetCurrentMetricDataRequest.class, metrics::current);
        on(software.amazon.awssdk.services.connect.model.GetMetricDataRequest.class, metrics::historical);
        on(software.amazon.awssdk.services.connect.model.GetMetricDataV2Request.class, metrics::v2);
    }

    /** The handler of an operation, or null when Callgate does not implement it. */
    public Handler<ConnectRequest, ConnectResponse> find(String operation) {
        return byOperation.get(operation);
    }

    @SuppressWarnings("unchecked")
    private <Q extends ConnectRequest, R extends ConnectResponse> void on(Class<Q> requestType, Handler<Q, R> handler) {
        String simple = requestType.getSimpleName();
        byOperation.put(simple.substring(0, simple.length() - "Request".length()),
                (Handler<ConnectRequest, ConnectResponse>) (Handler<?, ?>) handler);
    }

    /** One operation's business logic. */
    @FunctionalInterface
    public interface Handler<Q, R> {
        R handle(Caller caller, Q request);
    }
}
