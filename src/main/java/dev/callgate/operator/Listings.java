package dev.callgate.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.accounts.Accounts;
import dev.callgate.aws.ServiceError;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import dev.callgate.instance.ResourceRows;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.quota.QuotaScope;
import dev.callgate.store.Store;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the operator lists and looks into, across accounts:
 * <pre>
 * GET /_callgate/accounts                      every account: billing entity, instances per region against the quota, throttle
 * GET /_callgate/instances?accountId=A         every instance (of one account): edition, region, alias, created
 * GET /_callgate/instances/{id}                one instance: its edition, phone numbers, and each quota's edition default,
 *                                              applied value and usage
 * </pre>
 */
final class Listings {
    /** The most phone numbers one instance's view lists; the quota's default is 10, and raised values stay far below this. */
    private static final int MAX_NUMBERS_SHOWN = 10_000;

    private final Store store;
    private final QuotaLedger ledger;
    private final InstanceService instances;
    private final Accounts accounts;
    private final Editions editions;
    private final ThrottleControls throttle;
    private final Function<QuotaScope, ArrayNode> quotas;

    Listings(Store store, QuotaLedger ledger, InstanceService instances, Accounts accounts, Editions editions,
            ThrottleControls throttle, Function<QuotaScope, ArrayNode> quotas) {
        this.store = store;
        this.ledger = ledger;
        this.instances = instances;
        this.accounts = accounts;
        this.editions = editions;
        this.throttle = throttle;
        this.quotas = quotas;
    }

    /** The answer to a request for one of these routes, or null when the route is not one of them. */
    WireResponse handle(WireRequest request, List<String> path) {
        if (!request.method().equals("GET")) {
            return null;
        }
        String route = String.join("/", path.size() == 2 && path.get(0).equals("instances") ? List.of("instances", "{id}") : path);
        return switch (route) {
            case "accounts" -> OperatorApi.ok(accounts());
            case "instances" -> OperatorApi.ok(instances(request.queryParam("accountId")));
            case "instances/{id}" -> OperatorApi.ok(instance(path.get(1)));
            default -> null;
        };
    }

    private ObjectNode accounts() {
        Map<String, Map<String, Integer>> instancesByRegion = new LinkedHashMap<>();
        for (InstanceRow row : instances.all(null)) {
            instancesByRegion.computeIfAbsent(row.accountId(), a -> new LinkedHashMap<>()).merge(row.region(), 1, Integer::sum);
        }
        Map<QuotaScope, Integer> counted = new LinkedHashMap<>();
        instancesByRegion.forEach((accountId, regions) ->
                regions.forEach((region, count) -> counted.put(QuotaScope.account(accountId, region), count)));
        // Every account's regions read together (a few hundred a query); a region whose row is not open yet counts its instances.
        Map<QuotaScope, Map<Quota, QuotaLedger.Usage>> usages = store.read(c -> ledger.usages(c, List.copyOf(counted.keySet()),
                (scope, quota) -> new QuotaLedger.Usage(counted.get(scope), editions.current().quota(quota))));
        ObjectNode result = OperatorApi.JSON.createObjectNode();
        ArrayNode list = result.putArray("accounts");
        accounts.known().forEach((accountId, billing) -> {
            ObjectNode account = list.addObject().put("accountId", accountId).put("billingEntity", billing.name());
            ArrayNode regions = account.putArray("regions");
            instancesByRegion.getOrDefault(accountId, Map.of()).keySet().forEach(region -> {
                QuotaLedger.Usage usage = usages.get(QuotaScope.account(accountId, region)).get(Quota.INSTANCES_PER_REGION);
                regions.addObject().put("region", region).put("instances", usage.used()).put("quota", usage.limit())
                        .put("quotaCode", Quota.INSTANCES_PER_REGION.code());
            });
            account.set("throttle", throttle.overrides(accountId));
        });
        return result;
    }

    private ObjectNode instances(String accountId) {
        if (accountId != null && !Accounts.isAccountId(accountId)) {
            throw ServiceError.invalidParameter("Account id '" + accountId + "' is not 12 digits.");
        }
        ObjectNode result = OperatorApi.JSON.createObjectNode();
        ArrayNode list = result.putArray("instances");
        for (InstanceRow row : instances.all(accountId)) {
            summary(list.addObject(), row);
        }
        return result;
    }

    private ObjectNode instance(String id) {
        InstanceRow row = instances.findOpened(id);
        ObjectNode result = summary(OperatorApi.JSON.createObjectNode(), row)
                .put("inboundCalls", row.inboundCalls())
                .put("outboundCalls", row.outboundCalls())
                .put("identityManagementType", row.identityManagementType());
        ArrayNode numbers = result.putArray("phoneNumbers");
        for (ResourceRow number : store.read(c -> new ResourceRows().page(c, id, List.of(ResourceKind.PHONE_NUMBER.name()), "",
                MAX_NUMBERS_SHOWN))) {
            numbers.addObject().put("phoneNumberId", number.id()).put("phoneNumber", number.name());
        }
        Edition edition = editions.named(row.edition());
        ArrayNode list = quotas.apply(QuotaScope.instance(id));
        for (JsonNode quota : list) {
            long editionDefault = edition.quota(Quota.valueOf(quota.path("quota").asText()));
            ((ObjectNode) quota).put("editionDefault", editionDefault)
                    .put("differsFromEdition", quota.path("value").asLong() != editionDefault);
        }
        result.set("quotas", list);
        return result;
    }

    private static ObjectNode summary(ObjectNode node, InstanceRow row) {
        return node.put("id", row.id())
                .put("accountId", row.accountId())
                .put("region", row.region())
                .put("alias", row.alias())
                .put("edition", row.edition())
                .put("createdAtMillis", row.createdAtMillis())
                .put("created", Instant.ofEpochMilli(row.createdAtMillis()).toString());
    }
}
