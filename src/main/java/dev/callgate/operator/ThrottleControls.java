package dev.callgate.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.accounts.Accounts;
import dev.callgate.aws.ServiceError;
import dev.callgate.clock.ServerClock;
import dev.callgate.clock.VirtualClock;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.throttle.ApiThrottle;
import dev.callgate.limits.throttle.ThrottleActivity;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The operator's handles on time and throttling: read and advance the clock, scrape the metrics,
 * and override an account's throttle rates:
 * <pre>
 * GET    /_callgate/clock                       {"mode":"virtual","epochMillis":…,"instant":"…"}
 * POST   /_callgate/clock/advance               {"millis":N}   (virtual clock only)
 * GET    /_callgate/metrics                     Prometheus text format 0.0.4
 * GET    /_callgate/accounts/{id}/throttle      the account's overrides and effective general rate
 * PUT    /_callgate/accounts/{id}/throttle      {"operation":"*"|"GetUser","rate":R,"burst":B}
 * DELETE /_callgate/accounts/{id}/throttle      drops the account's overrides
 * GET    /_callgate/throttle/activity?accountId=A   this node's admitted and throttled calls per bucket over the
 *                                               last ten minutes, with each bucket's rate, and the latest refusals
 * </pre>
 */
public final class ThrottleControls {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerClock clock;
    private final ApiThrottle throttle;
    private final PrometheusMeterRegistry metrics;
    private final Predicate<String> knownOperation;

    public ThrottleControls(ServerClock clock, ApiThrottle throttle, PrometheusMeterRegistry metrics, Predicate<String> knownOperation) {
        this.clock = clock;
        this.throttle = throttle;
        this.metrics = metrics;
        this.knownOperation = knownOperation;
    }

    /** The answer to a request for one of the clock routes, or null when the route is not one of them. */
    WireResponse clock(String method, List<String> path, byte[] body) {
        return switch (method + " " + String.join("/", path)) {
            case "GET clock" -> OperatorApi.ok(clock());
            case "POST clock/advance" -> OperatorApi.ok(advance(OperatorApi.readJson(body)));
            default -> null;
        };
    }

    WireResponse metrics() {
        return new WireResponse(200, Map.of("Content-Type", PROMETHEUS_TEXT), metrics.scrape(PROMETHEUS_TEXT).getBytes(StandardCharsets.UTF_8));
    }

    /** The answer to a request for one of the throttle routes, or null when the route is not one of them. */
    WireResponse handle(WireRequest request, List<String> path) {
        String method = request.method();
        byte[] body = request.body();
        String route = method + " " + String.join("/", path.size() == 3 && path.get(0).equals("accounts")
                ? List.of("accounts", "{id}", path.get(2)) : path);
        return switch (route) {
            case "GET accounts/{id}/throttle" -> OperatorApi.ok(overrides(account(path)));
            case "PUT accounts/{id}/throttle" -> OperatorApi.ok(override(account(path), OperatorApi.readJson(body)));
            case "DELETE accounts/{id}/throttle" -> {
                throttle.clearOverrides(account(path));
                yield OperatorApi.ok(overrides(account(path)));
            }
            case "GET throttle/activity" -> OperatorApi.ok(activity(request.queryParam("accountId")));
            default -> null;
        };
    }

    /** Refills every bucket and drops every override, with the operator's reset. */
    void reset() {
        throttle.reset();
    }

    private ObjectNode clock() {
        return OperatorApi.JSON.createObjectNode()
                .put("mode", clock.isVirtual() ? "virtual" : "system")
                .put("epochMillis", clock.millis())
                .put("instant", clock.instant().toString());
    }

    private ObjectNode advance(JsonNode body) {
        if (!(clock instanceof VirtualClock virtual)) {
            throw ServiceError.invalidRequest("The clock is the system clock and cannot be advanced; start Callgate with --clock virtual.");
        }
        JsonNode millis = body.path("millis");
        if (!millis.canConvertToLong() || !millis.isIntegralNumber() || millis.asLong() < 0) {
            throw ServiceError.invalidParameter("Give {\"millis\": N} with N a whole number >= 0; time only goes forward.");
        }
        virtual.advance(Duration.ofMillis(millis.asLong()));
        return clock();
    }

    private ObjectNode override(String accountId, JsonNode body) {
        String operation = body.path("operation").asText("");
        if (!operation.equals(ApiThrottle.GENERAL_GROUP) && !knownOperation.test(operation)) {
            throw ServiceError.invalidParameter("operation must be \"*\" (the general group) or an Amazon Connect operation name such as "
                    + "\"CreateQueue\"; got \"" + operation + "\".");
        }
        JsonNode rate = body.path("rate");
        JsonNode burst = body.path("burst");
        if (!rate.canConvertToLong() || !burst.canConvertToLong() || !rate.isIntegralNumber() || !burst.isIntegralNumber()) {
            throw ServiceError.invalidParameter("rate (tokens per second) and burst (bucket capacity) must be whole numbers; got rate "
                    + rate + ", burst " + burst + ".");
        }
        try {
            throttle.override(accountId, operation, new Edition.Rate(rate.asLong(), burst.asLong()));
        } catch (IllegalArgumentException e) {
            throw ServiceError.invalidParameter(e.getMessage());
        }
        return overrides(accountId);
    }

    private ObjectNode activity(String accountId) {
        if (accountId != null && !Accounts.isAccountId(accountId)) {
            throw ServiceError.invalidParameter("Account id '" + accountId + "' is not 12 digits.");
        }
        ThrottleActivity activity = throttle.activity();
        ObjectNode result = OperatorApi.JSON.createObjectNode()
                .put("mode", throttle.mode().toString())
                .put("slotSeconds", ThrottleActivity.SLOT_SECONDS)
                .put("epochMillis", clock.millis());
        ArrayNode buckets = result.putArray("buckets");
        for (ThrottleActivity.Bucket bucket : activity.buckets(accountId)) {
            ObjectNode row = buckets.addObject().put("accountId", bucket.accountId()).put("region", bucket.region())
                    .put("service", bucket.service()).put("operation", bucket.operation());
            row.setAll(rate(throttle.rate(bucket.accountId(), bucket.service(), bucket.operation())));
            row.put("admitted", bucket.slots().stream().mapToLong(ThrottleActivity.Slot::admitted).sum())
                    .put("throttled", bucket.slots().stream().mapToLong(ThrottleActivity.Slot::throttled).sum());
            ArrayNode slots = row.putArray("slots");
            bucket.slots().forEach(slot -> slots.addObject().put("start", slot.startMillis())
                    .put("admitted", slot.admitted()).put("throttled", slot.throttled()));
        }
        ArrayNode refusals = result.putArray("throttledCalls");
        for (ThrottleActivity.Refusal refusal : activity.refusals(accountId)) {
            refusals.addObject().put("at", Instant.ofEpochMilli(refusal.atMillis()).toString()).put("epochMillis", refusal.atMillis())
                    .put("accountId", refusal.accountId()).put("region", refusal.region()).put("service", refusal.service())
                    .put("operation", refusal.operation()).put("message", refusal.message());
        }
        return result;
    }

    ObjectNode overrides(String accountId) {
        ObjectNode result = OperatorApi.JSON.createObjectNode()
                .put("accountId", accountId)
                .put("mode", throttle.mode().toString());
        result.set("general", rate(throttle.rate(accountId, ApiThrottle.GENERAL_GROUP)));
        ObjectNode list = result.putObject("overrides");
        throttle.overrides(accountId).forEach((operation, rate) -> list.set(operation, rate(rate)));
        return result;
    }

    private static ObjectNode rate(Edition.Rate rate) {
        return OperatorApi.JSON.createObjectNode().put("rate", rate.rate()).put("burst", rate.burst());
    }

    private static String account(List<String> path) {
        String accountId = path.get(1);
        if (!Accounts.isAccountId(accountId)) {
            throw ServiceError.invalidParameter("Account id '" + accountId + "' is not 12 digits.");
        }
        return accountId;
    }
}
