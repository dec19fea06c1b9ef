package dev.callgate.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.accounts.Accounts;
import dev.callgate.accounts.BillingEntity;
import dev.callgate.aws.ErrorCatalog;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.calls.Switchboard;
import dev.callgate.connect.RoutingProfileQueues;
import dev.callgate.http.Endpoint;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.instance.InstanceService;
import dev.callgate.json.Json;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.quota.QuotaScope;
import dev.callgate.requests.ChangeRequests;
import dev.callgate.requests.Ports;
import dev.callgate.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * The operator's JSON API under {@code /_callgate/}: health, reset (for test suites), accounts'
 * billing entities, quota values and usage, the editions ({@link EditionControls}), the request channel
 * ({@link RequestControls}), live calls ({@link CallControls}), the clock, metrics and throttle routes of {@link ThrottleControls}, and the
 * accounts and instances {@link Listings} lists. In strict mode every call needs the operator token as a bearer token;
 * health stays open so that probes work. Its endpoints ({@link #health}, {@link #metrics}, {@link #clock},
 * {@link #api}) take their place in the route table; errors have the AWS form ({@code __type},
 * {@code Message}, the status), which CI scripts already read.
 */
public final class OperatorApi {
    public static final String PREFIX = "/_callgate";
    static final ObjectMapper JSON = Json.MAPPER;
    private static final ObjectReader STRICT_JSON = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final Store store;
    private final QuotaLedger ledger;
    private final InstanceService instances;
    private final Accounts accounts;
    private final Editions editions;
    private final String operatorToken;
    private final ThrottleControls throttle;
    private final Listings listings;
    private final RequestControls requests;
    private final EditionControls editionControls;
    private final CallControls calls;

    /** @param operatorToken the token strict mode requires, or null when the API is open (lenient mode) */
    public OperatorApi(Store store, QuotaLedger ledger, InstanceService instances, Accounts accounts, Editions editions,
            String operatorToken, ThrottleControls throttle, ChangeRequests requests, Ports ports, Switchboard switchboard) {
        this.requests = new RequestControls(requests, ports);
        this.editionControls = new EditionControls(store, editions);
        editionControls.restore();
        this.store = store;
        this.ledger = ledger;
        this.instances = instances;
        this.accounts = accounts;
        this.editions = editions;
        this.operatorToken = operatorToken;
        this.throttle = throttle;
        this.listings = new Listings(store, ledger, instances, accounts, editions, throttle, this::quotas);
        this.calls = new CallControls(instances, switchboard, this::quotas);
    }

    /** {@code GET /_callgate/health}: open even in strict mode, so that probes work. */
    public Endpoint health() {
        return endpoint(false, (request, path) -> ok(status()));
    }

    /** {@code GET /_callgate/metrics}: Prometheus text. */
    public Endpoint metrics() {
        return endpoint(true, (request, path) -> throttle.metrics());
    }

    /** {@code GET /_callgate/clock} and {@code POST /_callgate/clock/advance}. */
    public Endpoint clock() {
        return endpoint(true, (request, path) -> {
            WireResponse answer = throttle.clock(request.method(), path, request.body());
            if (answer == null) {
                throw noRoute(request);
            }
            return answer;
        });
    }

    /** Every other operator route under {@value #PREFIX}. */
    public Endpoint api() {
        return endpoint(true, this::route);
    }

    private WireResponse route(WireRequest request, List<String> path) {
        String route = request.method() + " " + (path.isEmpty() ? "" : path.get(0));
        if (route.equals("POST reset") && path.size() == 1) {
            store.reset();
            throttle.reset();
            editions.reset();
            return ok(JSON.createObjectNode().put("reset", true));
        }
        if (route.equals("PUT accounts") && path.size() == 2) {
            return ok(putAccount(path.get(1), request.body()));
        }
        if (route.equals("GET accounts") && path.size() == 3 && path.get(2).equals("quotas")) {
            String region = request.queryParam("region");
            if (region == null) {
                throw ServiceError.invalidParameter("Query parameter 'region' is required.");
            }
            if (!Accounts.isAccountId(path.get(1))) {
                throw ServiceError.invalidParameter("Account id '" + path.get(1) + "' is not 12 digits.");
            }
            if (!editions.current().hasRegion(region)) {
                throw ServiceError.invalidParameter("Region '" + region + "' is not one of edition " + editions.current().name()
                        + "'s regions " + editions.current().regions() + ".");
            }
            return ok(quotas(QuotaScope.account(path.get(1), region)));
        }
        if (route.equals("GET instances") && path.size() == 3 && path.get(2).equals("quotas")) {
            return ok(quotas(QuotaScope.instance(instances.findOpened(path.get(1)).id())));
        }
        WireResponse answer = requests.handle(request, path);
        if (answer == null) {
            answer = calls.handle(request, path);
        }
        if (answer == null) {
            answer = editionControls.handle(request, path);
        }
        if (answer == null) {
            answer = throttle.handle(request, path);
        }
        if (answer == null) {
            answer = listings.handle(request, path);
        }
        if (answer != null) {
            return answer;
        }
        throw noRoute(request);
    }

    private static ServiceError noRoute(WireRequest request) {
        return ServiceError.invalidRequest("No operator operation matches " + request.method() + " " + request.rawPath() + ".");
    }

    /** An operator endpoint: authorised when {@code guarded}, answering refusals in the AWS error form. */
    private Endpoint endpoint(boolean guarded, Route route) {
        return new Endpoint() {
            @Override
            public WireResponse answer(WireRequest request, String requestId) {
                return ErrorCatalog.AS_DECLARED.answering("application/json", requestId, () -> {
                    if (guarded) {
                        authorize(request);
                    }
                    List<String> segments = request.path();
                    return route.answer(request, segments.subList(1, segments.size()));
                });
            }

            @Override
            public WireResponse refuse(WireRequest head, String message, String requestId) {
                return ErrorCatalog.AS_DECLARED.render(ServiceError.invalidRequest(message), "application/json");
            }
        };
    }

    /** One operator route: the request and its path below {@value #PREFIX}. */
    @FunctionalInterface
    private interface Route {
        WireResponse answer(WireRequest request, List<String> path);
    }

    private ObjectNode status() {
        return JSON.createObjectNode()
                .put("status", "UP")
                .put("store", store.isPostgres() ? "postgresql" : "sqlite")
                .put("edition", editions.current().name());
    }

    private ObjectNode putAccount(String accountId, byte[] body) {
        if (!Accounts.isAccountId(accountId)) {
            throw ServiceError.invalidParameter("Account id '" + accountId + "' is not 12 digits.");
        }
        String entity = readJson(body).path("billingEntity").asText("");
        BillingEntity billing;
        try {
            billing = BillingEntity.valueOf(entity);
        } catch (IllegalArgumentException e) {
            throw ServiceError.invalidParameter("billingEntity must be \"AWS\" or \"AISPL\"; got \"" + entity + "\".");
        }
        accounts.setBillingEntity(accountId, billing);
        return JSON.createObjectNode().put("accountId", accountId).put("billingEntity", billing.name());
    }

    /**
     * Applied values and usage of a scope's quotas; a quota never charged yet shows the current
     * edition's default. A quota counted per routing profile (queues per routing profile) shows its highest
     * usage, and each profile's under "usageByResource".
     */
    private ArrayNode quotas(QuotaScope scope) {
        Map<Quota, QuotaLedger.Usage> usages = store.read(c -> ledger.usages(c, scope,
                QuotaLedger.Unopened.unused(editions.current()::quota)));
        ArrayNode list = JSON.createArrayNode();
        usages.forEach((quota, usage) -> {
            ObjectNode row = list.addObject().put("quota", quota.name()).put("code", quota.code()).put("title", quota.title())
                    .put("value", usage.limit()).put("usage", usage.used());
            if (quota.scope() == Quota.Scope.ROUTING_PROFILE) {
                Map<String, Long> byResource = store.read(c -> RoutingProfileQueues.usageByProfile(c, ledger, scope));
                row.put("usage", byResource.values().stream().mapToLong(Long::longValue).max().orElse(0));
                byResource.forEach(row.putObject("usageByResource")::put);
            }
        });
        return list;
    }

    private void authorize(WireRequest request) {
        if (operatorToken == null) {
            return;
        }
        String header = request.header("authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), operatorToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ServiceError(ErrorCode.ACCESS_DENIED, "The operator API needs 'Authorization: Bearer <operator token>' in strict mode.");
        }
    }

    /** A request body: empty, or one well-formed JSON object (no trailing data, no key given twice), as the AWS faces take. */
    static JsonNode readJson(byte[] body) {
        JsonNode object;
        try {
            object = body.length == 0 ? JSON.createObjectNode() : STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ServiceError.invalidRequest("The request body is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw ServiceError.invalidRequest("The request body could not be read: " + e.getMessage());
        }
        if (object == null || !object.isObject()) {
            throw ServiceError.invalidRequest("The request body must be a JSON object.");
        }
        return object;
    }

    static WireResponse ok(JsonNode body) {
        return new WireResponse(200, Map.of("Content-Type", "application/json"), body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
