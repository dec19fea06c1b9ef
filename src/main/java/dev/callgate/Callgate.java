package dev.callgate;

import dev.callgate.accounts.Accounts;
import dev.callgate.aws.AwsEndpoint;
import dev.callgate.aws.AwsService;
import dev.callgate.aws.SigV4Authenticator;
import dev.callgate.calls.CallsApi;
import dev.callgate.calls.DialingPolicy;
import dev.callgate.calls.Switchboard;
import dev.callgate.clock.ServerClock;
import dev.callgate.clock.VirtualClock;
import dev.callgate.config.Settings;
import dev.callgate.connect.ConnectApi;
import dev.callgate.connect.ConnectHandlers;
import dev.callgate.console.Console;
import dev.callgate.http.HttpFront;
import dev.callgate.http.Routes;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceService;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.throttle.ApiThrottle;
import dev.callgate.numbers.PhoneNumberService;
import dev.callgate.operator.OperatorApi;
import dev.callgate.operator.ThrottleControls;
import dev.callgate.reports.ReportService;
import dev.callgate.reports.ReportsApi;
import dev.callgate.requests.ChangeRequests;
import dev.callgate.requests.InstanceChanges;
import dev.callgate.requests.Ports;
import dev.callgate.requests.QuotaValues;
import dev.callgate.requests.RequestsApi;
import dev.callgate.requests.StoredDialingRules;
import dev.callgate.servicequotas.ServiceQuotasApi;
import dev.callgate.servicequotas.ServiceQuotasHandlers;
import dev.callgate.sip.SipEndpoint;
import dev.callgate.store.Pools;
import dev.callgate.store.Store;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;

/** A running Callgate server: the composition root that wires store, limits, services and faces. */
public final class Callgate implements AutoCloseable {
    private final Store store;
    private final HttpFront front;
    private final SipEndpoint sip;
    private final Switchboard switchboard;
    private final ApiThrottle throttle;

    private Callgate(Store store, HttpFront front, SipEndpoint sip, Switchboard switchboard, ApiThrottle throttle) {
        this.store = store;
        this.front = front;
        this.sip = sip;
        this.switchboard = switchboard;
        this.throttle = throttle;
    }

    public static Callgate start(Settings settings) {
        ServerClock clock = settings.clock() == Settings.ClockMode.VIRTUAL ? new VirtualClock(Instant.now()) : ServerClock.system();
        Editions editions = Editions.load(settings.editionsFile(), settings.edition());
        // The SIP stack starts on its own thread while the store opens and migrates: neither needs the other.
        // Logging is set up first, on this thread: SLF4J set up by two threads at once warns about it on stderr.
        LoggerFactory.getILoggerFactory();
        CompletableFuture<SipEndpoint> sipListening = CompletableFuture.supplyAsync(
                () -> SipEndpoint.listen(settings.bind(), settings.calls().sipPort()));
        Store store;
        try {
            store = settings.store() != null ? Store.open(settings.store()) : Store.openEmbedded(settings.dataDir());
        } catch (RuntimeException e) {
            sipListening.thenAccept(SipEndpoint::close);
            throw e;
        }
        SipEndpoint sip = null;
        Switchboard switchboard = null;
        ApiThrottle throttle = null;
        try {
            sip = listening(sipListening);
            Accounts accounts = new Accounts(store);
            settings.billingEntities().forEach(accounts::setBillingEntity);
            QuotaLedger ledger = new QuotaLedger();
            InstanceService instances = new InstanceService(store, accounts, editions, ledger, clock);
            SigV4Authenticator authenticator = new SigV4Authenticator(
                    settings.auth() == Settings.AuthMode.STRICT, settings.accessKeys(), clock);
            InstanceResources resources = new InstanceResources(store, instances, ledger, clock);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            // Throttle rates come from the edition current at start: the throttle is the account's, not an instance's.
            throttle = new ApiThrottle(settings.throttle(), editions.current().throttle(), store, settings.throttleStore(), clock, metrics);
            if (settings.calls().reorderTone() != null) {
                sip.playReorderTone(settings.calls().reorderTone());
            }
            switchboard = new Switchboard(store, ledger, instances, clock, settings.calls(), sip, metrics);
            instances.onDelete(PhoneNumberService::releaseInstance);
            instances.onDelete(Switchboard::dropInstance);
            StoredDialingRules dialing = new StoredDialingRules(editions);
            AwsService<ConnectRequest, ConnectResponse> connect = ConnectApi.service(ConnectHandlers.of(instances, resources, store, clock,
                    switchboard, new DialingPolicy(store, dialing)), editions, throttle);
            ChangeRequests requests = new ChangeRequests(store, instances, new QuotaValues(store, ledger, editions, throttle),
                    dialing, settings.approvalPolicy(), clock);
            Ports ports = new Ports(requests, instances, resources, new PhoneNumberService(resources), clock);
            AwsEndpoint aws = new AwsEndpoint(authenticator, List.of(connect,
                    ServiceQuotasApi.service(ServiceQuotasHandlers.of(requests), throttle)));
            OperatorApi operator = new OperatorApi(store, ledger, instances, accounts, editions,
                    settings.auth() == Settings.AuthMode.STRICT ? settings.operatorToken() : null,
                    new ThrottleControls(clock, throttle, metrics, connect::hasOperation), requests, ports, switchboard);
            ReportsApi reports = new ReportsApi(authenticator, new ReportService(resources));
            CallsApi calls = new CallsApi(authenticator, instances, switchboard);
            RequestsApi ownRequests = new RequestsApi(authenticator, instances,
                    new InstanceChanges(store, instances, dialing, requests, clock), requests);
            Pools pools = Pools.of(store.isPostgres(), Runtime.getRuntime().availableProcessors());
            HttpFront front = new HttpFront(settings.bind(), settings.port(), routes(aws, operator, reports, calls, ownRequests),
                    pools.workers(), pools.readers(), pools.readsOnLoop());
            front.start();
            return new Callgate(store, front, sip, switchboard, throttle);
        } catch (IOException e) {
            throw stopAfter(new PortUnavailable(settings.bind(), settings.port(), e), switchboard, sip, throttle, store);
        } catch (RuntimeException e) {
            throw stopAfter(e, switchboard, sip, throttle, store);
        }
    }

    /**
     * Every HTTP route of the one port. The operator's routes live under {@value OperatorApi#PREFIX};
     * the operator console's files under {@value Console#PATH}; everything else is an AWS API call, whose service the AWS endpoint picks by SigV4 scope or X-Amz-Target.
     */
    private static Routes routes(AwsEndpoint aws, OperatorApi operator, ReportsApi reports, CallsApi calls, RequestsApi requests) {
        return new Routes(aws)
                .on("GET", "/_callgate/health", operator.health())
                .on("GET", "/_callgate/metrics", operator.metrics())
                .on("*", "/_callgate/clock/**", operator.clock())
                .on("*", "/_callgate/instances/{instanceId}/reports/**", reports)
                .on("*", "/_callgate/instances/{instanceId}/calls/**", calls)
                .on("*", "/_callgate/instances/{instanceId}/requests/**", requests)
                .on("*", "/_callgate/**", operator.api())
                .on("GET", "/console/**", new Console());
    }

    /** The SIP endpoint that started beside the store; its failure is the start's failure, as it was. */
    private static SipEndpoint listening(CompletableFuture<SipEndpoint> sip) {
        try {
            return sip.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public int port() {
        return front.port();
    }

    /** The SIP port (UDP and TCP). */
    public int sipPort() {
        return sip.port();
    }

    public boolean isPostgres() {
        return store.isPostgres();
    }

    @Override
    public void close() {
        front.close();
        stop(switchboard, sip, throttle, store);
    }

    /** A failed start stops what did start; a failure to stop is kept beside the start's, never in its place. */
    private static RuntimeException stopAfter(RuntimeException failure, Switchboard switchboard, SipEndpoint sip, ApiThrottle throttle,
                                              Store store) {
        try {
            stop(switchboard, sip, throttle, store);
        } catch (RuntimeException stopping) {
            failure.addSuppressed(stopping);
        }
        return failure;
    }

    /**
     * SIP stops taking calls (its decisions under way finish), then calls end before the SIP stack stops, and all
     * before the throttle's Redis connection and the store close.
     */
    private static void stop(Switchboard switchboard, SipEndpoint sip, ApiThrottle throttle, Store store) {
        try {
            if (sip != null) {
                sip.refuseNewCalls();
            }
            if (switchboard != null) {
                switchboard.close();
            }
            if (sip != null) {
                sip.close();
            }
        } finally {
            // Even when a step above failed: Redis and the store are let go of whatever happened to SIP.
            try {
                if (throttle != null) {
                    throttle.close();
                }
            } finally {
                store.close();
            }
        }
    }
}
