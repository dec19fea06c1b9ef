package dev.callgate.aws;

import dev.callgate.accounts.Caller;
import dev.callgate.http.Answer;
import dev.callgate.http.Endpoint;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Every AWS service on the HTTP port, through one path: the SigV4 credential scope's service picks the
 * {@link AwsService} (an unsigned request goes to the service its {@code X-Amz-Target} names, else to the
 * first service); then route, authenticate, admit (throttle), decode into the SDK request type, call the
 * one handler, encode its response. The first three run on the event loop when the admission can decide
 * from memory ({@link AwsService.Admission#decidesAtOnce}), the rest on a worker. Every refusal is rendered by the service's {@link ErrorCatalog}. No
 * business rule lives here.
 */
public final class AwsEndpoint implements Endpoint {
    private final SigV4Authenticator authenticator;
    private final Map<String, AwsService<?, ?>> bySigningName = new LinkedHashMap<>();
    private final AwsService<?, ?> fallback;

    /** @param services the services served; the first also answers requests that name none */
    public AwsEndpoint(SigV4Authenticator authenticator, List<AwsService<?, ?>> services) {
        this.authenticator = authenticator;
        services.forEach(service -> bySigningName.put(service.signingName(), service));
        this.fallback = services.get(0);
    }

    @Override
    public WireResponse answer(WireRequest request, String requestId) {
        return receive(request, requestId).resolve();
    }

    /**
     * Routes, authenticates and, when the admission can decide from memory, admits on the event loop, so
     * a throttled call is refused there without a trip to a worker; decoding and the handler run later.
     */
    @Override
    public Answer receive(WireRequest request, String requestId) {
        SigV4Authenticator.Scope scope = SigV4Authenticator.scope(request);
        AwsService<?, ?> service = serviceOf(request, scope);
        if (service == null) {
            return Answer.now(fallback.errors().render(
                    ServiceError.invalidRequest("Callgate does not serve the AWS service '" + scope.service() + "' yet."),
                    fallback.codec().contentType()));
        }
        return receive(service, request, scope, requestId);
    }

    @Override
    public WireResponse refuse(WireRequest head, String message, String requestId) {
        AwsService<?, ?> service = head == null ? null : serviceOf(head, SigV4Authenticator.scope(head));
        AwsService<?, ?> renderer = service == null ? fallback : service;
        return renderer.errors().render(ServiceError.invalidRequest(message), renderer.codec().contentType());
    }

    private <Q, R> Answer receive(AwsService<Q, R> service, WireRequest request, SigV4Authenticator.Scope scope, String requestId) {
        String contentType = service.codec().contentType();
        try {
            // Well-formed before authorised: a request no operation matches (an unknown method, say) is refused
            // alike in both auth modes, and the signature check only sees requests a client could have signed.
            Router.Route route = service.router().route(request);
            if (route == null) {
                throw new ServiceError(ErrorCode.UNKNOWN_OPERATION,
                        "No " + service.title() + " operation matches " + service.router().describe(request) + ".");
            }
            Caller caller = authenticator.authenticate(request, scope);
            String operation = route.operation().name();
            // Every operation has a bucket, implemented or not, as on AWS; a refused call is never decoded.
            boolean admittedHere = service.admission().decidesAtOnce(caller, operation);
            if (admittedHere) {
                ServiceError refusal = service.admission().refusal(caller, operation);
                if (refusal != null) {
                    return Answer.now(service.errors().render(refusal, contentType));
                }
            }
            Supplier<WireResponse> rest = () -> service.errors().answering(contentType, requestId, () -> {
                if (!admittedHere) {
                    service.admission().admit(caller, operation);
                }
                return call(service, caller, route, request);
            });
            // An admission that waits on a shared throttle store is not a read: it takes a bucket's token.
            if (!admittedHere || !route.operation().readsOnly()) {
                return Answer.later(rest);
            }
            return route.operation().readsBriefly() ? Answer.readingBriefly(rest) : Answer.reading(rest);
        } catch (ServiceError refusal) {
            return Answer.now(service.errors().render(refusal, contentType));
        } catch (RuntimeException failure) {
            // In the service's form, as a failure on the worker is (ErrorCatalog.answering), not the front's bare 500.
            return Answer.now(service.errors().failed(failure, contentType, requestId));
        }
    }

    private <Q, R> WireResponse call(AwsService<Q, R> service, Caller caller, Router.Route route, WireRequest request) {
        Operation operation = route.operation();
        OperationHandlers.Handler<Q, R> handler = service.handlers().find(operation.requestClass());
        if (handler == null) {
            throw new ServiceError(ErrorCode.NOT_IMPLEMENTED,
                    "Callgate does not implement the " + service.title() + " operation " + operation.name() + " yet.");
        }
        @SuppressWarnings("unchecked")
        Q decoded = (Q) service.codec().decode(route, request);
        R response = handler.handle(caller, decoded);
        return new WireResponse(200, Map.of("Content-Type", service.codec().contentType()), service.codec().encode((SdkPojo) response));
    }

    /** The service a request is for, or null when its credential scope names one Callgate does not serve. */
    private AwsService<?, ?> serviceOf(WireRequest request, SigV4Authenticator.Scope scope) {
        if (scope != null) {
            return bySigningName.get(scope.service());
        }
        return bySigningName.values().stream().filter(service -> service.router().claims(request)).findFirst().orElse(fallback);
    }
}
