package dev.callgate.aws;

import dev.callgate.Callgate;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ServiceError;
import dev.callgate.http.Percent;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.throttle.ApiThrottle;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;

/**
 * The Amazon Connect API face: authenticate, route by method and path through the SDK's operation
 * table, admit through the API throttle, decode into the SDK request type, call the one handler,
 * encode its response. No business rule lives here.
 */
public final class ConnectEndpoint {
    private static final String REQUIRED_MEMBERS = "/dev/callgate/aws/connect-required-members.properties";

    private final ServiceModel model = new ServiceModel(ConnectClient.class, "software.amazon.awssdk.services.connect.transform");
    private final RestJsonCodec codec = new RestJsonCodec(REQUIRED_MEMBERS);
    private final SigV4Authenticator authenticator;
    private final OperationHandlers<ConnectRequest, ConnectResponse> handlers;
    private final Editions editions;
    private final ApiThrottle throttle;

    public ConnectEndpoint(SigV4Authenticator authenticator, OperationHandlers<ConnectRequest, ConnectResponse> handlers, Editions editions, ApiThrottle throttle) {
        this.authenticator = authenticator;
        this.handlers = handlers;
        this.editions = editions;
        this.throttle = throttle;
    }

    /** How many Connect operations the SDK model knows (all of them are routed). */
    public int operationCount() {
        return model.size();
    }

    public boolean hasOperation(String name) {
        return model.named(name) != null;
    }

    public WireResponse handle(WireRequest request, SigV4Authenticator.Scope scope) {
        Caller caller = authenticator.authenticate(request, scope);
        ServiceModel.Route route = model.route(request.method(), Percent.pathSegments(request.rawPath()));
        if (route == null) {
            throw ServiceError.invalidRequest("No Amazon Connect operation matches " + request.method() + " " + request.rawPath() + ".");
        }
        if (!editions.current().hasRegion(caller.region())) {
            throw ServiceError.invalidRequest("Amazon Connect is not available in region " + caller.region()
                    + "; its regions are " + String.join(", ", editions.current().regions()) + ".");
        }
        String operation = route.operation().name();
        // Every operation has a bucket, implemented or not, as on AWS; a throttled call is never decoded.
        throttle.admit(caller, operation);
        OperationHandlers.Handler<ConnectRequest, ConnectResponse> handler = handlers.find(operation);
        if (handler == null) {
            throw ServiceError.invalidRequest("Callgate does not implement the Amazon Connect operation " + operation + " yet.");
        }
        SdkPojo decoded = codec.decodeRequest(route.operation(), route.pathParams(), request);
        ConnectResponse response = handler.handle(caller, (ConnectRequest) decoded);
        return new WireResponse(200, Map.of("Content-Type", "application/json"), codec.encode(response));
    }
}
