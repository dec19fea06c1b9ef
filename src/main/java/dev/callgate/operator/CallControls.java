package dev.callgate.operator;

import static dev.callgate.operator.OperatorApi.JSON;
import static dev.callgate.operator.OperatorApi.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.calls.CallEnd;
import dev.callgate.calls.ContactRow;
import dev.callgate.calls.Switchboard;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The operator's view of live calls, every instance at once (docs/limits.md §4):
 * <pre>
 * GET    /_callgate/calls?instanceId=   {"instances":[{instanceId, accountId, limit, active, refused, calls:[…]}]}
 * DELETE /_callgate/calls/{contactId}   ends the call as StopContact does → 204
 * </pre>
 * {@code limit} and {@code active} are the quota ledger's (every node's calls); {@code refused} is
 * counted by this node since it started.
 */
final class CallControls {
    private final InstanceService instances;
    private final Switchboard switchboard;
    private final Function<QuotaScope, ArrayNode> quotas;

    /** @param quotas a scope's quota values and usage, as {@code GET /_callgate/instances/{id}/quotas} shows them */
    CallControls(InstanceService instances, Switchboard switchboard, Function<QuotaScope, ArrayNode> quotas) {
        this.instances = instances;
        this.switchboard = switchboard;
        this.quotas = quotas;
    }

    /** The answer to a route under /_callgate/calls, or null when the path is not one. */
    WireResponse handle(WireRequest request, List<String> path) {
        if (path.isEmpty() || !path.get(0).equals("calls")) {
            return null;
        }
        if (path.size() == 1 && request.method().equals("GET")) {
            String instanceId = request.queryParam("instanceId");
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("instances");
            for (InstanceRow instance : instanceId == null ? instances.all(null) : List.of(instances.findOpened(instanceId))) {
                list.add(calls(instance));
            }
            return ok(body);
        }
        if (path.size() == 2 && request.method().equals("DELETE")) {
            switchboard.stop(path.get(1), CallEnd.API);
            return new WireResponse(204, Map.of(), new byte[0]);
        }
        return null;
    }

    private ObjectNode calls(InstanceRow instance) {
        List<ContactRow> live = switchboard.live(instance);
        JsonNode quota = StreamSupport.stream(quotas.apply(QuotaScope.instance(instance.id())).spliterator(), false)
                .filter(row -> row.path("quota").asText().equals(Quota.CONCURRENT_CALLS.name())).findFirst().orElseThrow();
        ObjectNode node = JSON.createObjectNode().put("instanceId", instance.id()).put("accountId", instance.accountId())
                .put("limit", quota.path("value").asLong()).put("active", quota.path("usage").asLong()).put("refused", switchboard.refused(instance));
        ArrayNode calls = node.putArray("calls");
        for (ContactRow call : live) {
            boolean inbound = call.initiationMethod().equals("INBOUND");
            calls.addObject().put("contactId", call.id())
                    .put("from", inbound ? call.customerNumber() : call.systemNumber())
                    .put("to", inbound ? call.systemNumber() : call.customerNumber())
                    .put("direction", call.initiationMethod())
                    .put("startedAt", Instant.ofEpochMilli(call.initiatedAt()).toString());
        }
        return node;
    }
}
