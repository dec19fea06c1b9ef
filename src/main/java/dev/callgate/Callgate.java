package dev.callgate;

import dev.callgate.accounts.Accounts;
import dev.callgate.aws.ConnectEndpoint;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.aws.SigV4Authenticator;
import dev.callgate.clock.ServerClock;
import dev.callgate.clock.VirtualClock;
import dev.callgate.config.Settings;
import dev.callgate.connect.ConnectHandlers;
import dev.callgate.http.HttpFront;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceService;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.throttle.ApiThrottle;
import dev.callgate.operator.OperatorApi;
import dev.callgate.operator.ThrottleControls;
import dev.callgate.reports.ReportService;
import dev.callgate.reports.ReportsApi;
import dev.callgate.store.Store;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Instant;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;

/** A running Callgate server: the composition root that wires store, limits, services and faces. */
public final class Callgate implements AutoCloseable {
    private final Store store;
    private final HttpFront front;

    private Callgate(Store store, HttpFront front) {
        this.store = store;
        this.front = front;
    }

    public static Callgate start(Settings settings) {
        ServerClock clock = settings.clock() == Settings.ClockMode.VIRTUAL ? new VirtualClock(Instant.now()) : ServerClock.system();
        Editions editions = Editions.load(settings.editionsFile(), settings.edition());
        Store store = settings.store() != null ? Store.open(settings.store(), null, null) : Store.openEmbedded(settings.dataDir());
        try {
            Accounts accounts = new Accounts(store);
            settings.billingEntities().forEach(accounts::setBillingEntity);
            QuotaLedger ledger = new QuotaLedger();
            InstanceService instances = new InstanceService(store, accounts, editions, ledger, clock);
            SigV4Authenticator authenticator = new SigV4Authenticator(
                    settings.auth() == Settings.AuthMode.STRICT, settings.accessKeys(), clock);
            InstanceResources resources = new InstanceResources(store, instances, ledger, clock);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            // Throttle rates come from the edition current at start: the throttle is the account's, not an instance's.
            ApiThrottle throttle = new ApiThrottle(settings.throttle(), editions.current().throttle(), store, clock, metrics);
            OperationHandlers<ConnectRequest, ConnectResponse> handlers = ConnectHandlers.of(instances, resources, store, clock);
            ConnectEndpoint connect = new ConnectEndpoint(authenticator, handlers, editions, throttle);
            OperatorApi operator = new OperatorApi(store, ledger, instances, accounts, editions,
                    settings.auth() == Settings.AuthMode.STRICT ? settings.operatorToken() : null,
                    new ThrottleControls(clock, throttle, metrics, connect::hasOperation));
            ReportsApi reports = new ReportsApi(authenticator, new ReportService(resources));
            HttpFront front = new HttpFront(settings.bind(), settings.port(), (request, requestId) ->
                    ReportsApi.handles(request) ? reports.handle(request) : route(request, connect, operator));
            front.start();
            return new Callgate(store, front);
        } catch (IOException e) {
            store.close();
            throw new PortUnavailable(settings.bind(), settings.port(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Picks the face: the operator API by path, the AWS APIs by the SigV4 credential scope's service. */
    private static WireResponse route(WireRequest request, ConnectEndpoint connect, OperatorApi operator) {
        if (request.rawPath().equals(OperatorApi.PREFIX) || request.rawPath().startsWith(OperatorApi.PREFIX + "/")) {
            return operator.handle(request);
        }
        SigV4Authenticator.Scope scope = SigV4Authenticator.scope(request);
        if (scope != null && !scope.service().equals("connect")) {
            throw ServiceError.invalidRequest("Callgate does not serve the AWS service '" + scope.service() + "' yet.");
        }
        return connect.handle(request, scope);
    }

    public int port() {
        return front.port();
    }

    public boolean isPostgres() {
        return store.isPostgres();
    }

    @Override
    public void close() {
        front.close();
        store.close();
    }
}
