package dev.callgate.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.json.Json;
import java.time.Instant;

/** A request in JSON, as the operator API, its console and Callgate's own request API show it: these field names are a contract. */
public final class RequestJson {
    private static final ObjectMapper JSON = Json.MAPPER;

    private RequestJson() {
    }

    public static ObjectNode of(ChangeRequest request) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", request.id()).put("accountId", request.accountId()).put("region", request.region())
                .put("kind", request.kind().name()).put("quotaCode", request.quotaCode())
                .put("quotaName", request.quotaCode() == null ? null
                        : ListedQuota.byCode(request.quotaCode()).map(ListedQuota::name).orElse(null))
                .put("contextId", request.contextId()).put("instanceId", request.instanceId())
                .put("desiredValue", request.desiredValue()).put("currentValue", request.currentValue())
                .put("status", request.status().name()).put("reason", request.reason()).put("caseId", request.caseId())
                .put("requester", request.requester())
                .put("created", Instant.ofEpochMilli(request.created()).toString())
                .put("lastUpdated", Instant.ofEpochMilli(request.lastUpdated()).toString());
        node.set("details", request.details());
        return node;
    }
}
