package dev.callgate.connect;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.AwsService;
import dev.callgate.aws.ErrorCatalog;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.RestJsonCodec;
import dev.callgate.aws.RestPathRouter;
import dev.callgate.aws.ServiceError;
import dev.callgate.aws.ServiceModel;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.throttle.ApiThrottle;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;

/**
 * The Amazon Connect API as the AWS endpoint serves it: REST-JSON routed by method and path, errors
 * as Connect's model declares them, and admission by the edition's regions, then the API throttle.
 */
public final class ConnectApi {
    private static final String REQUIRED_MEMBERS = "/dev/callgate/aws/connect-required-members.properties";
    private static final String CONSTRAINTS = "/dev/callgate/aws/connect-constraints.properties";

    private ConnectApi() {
    }

    public static AwsService<ConnectRequest, ConnectResponse> service(OperationHandlers<ConnectRequest, ConnectResponse> handlers,
            Editions editions, ApiThrottle throttle) {
        ServiceModel model = new ServiceModel(ConnectClient.class);
        return new AwsService<>(ConnectClient.SERVICE_NAME, "Amazon Connect", model, new RestPathRouter(model),
                new RestJsonCodec(REQUIRED_MEMBERS, CONSTRAINTS), handlers, ErrorCatalog.AS_DECLARED,
                throttle.admission(ApiThrottle.CONNECT, caller -> requireRegion(editions, caller)));
    }

    private static void requireRegion(Editions editions, Caller caller) {
        if (!editions.current().hasRegion(caller.region())) {
            throw ServiceError.invalidRequest("Amazon Connect is not available in region " + caller.region()
                    + "; its regions are " + String.join(", ", editions.current().regions()) + ".");
        }
    }
}
