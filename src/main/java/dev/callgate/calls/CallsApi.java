package dev.callgate.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ServiceError;
import dev.callgate.aws.SigV4Authenticator;
import dev.callgate.aws.SignedJsonEndpoint;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Calls without a phone: simulated inbound calls under the same admission and counting as SIP calls,
 * JSON under {@code /_callgate/instances/{instanceId}/calls}, signed with SigV4 by the instance's
 * account (errors have the AWS form).
 *
 * <pre>
 * POST   …/calls               {"phoneNumber": claimed number (optional), "durationSeconds": N} → 201, the contact
 * GET    …/calls               the calls in progress on every node, with the quota's value and usage
 * DELETE …/calls/{contactId}   hang up → 204
 * </pre>
 */
public final class CallsApi extends SignedJsonEndpoint {
    private static final ObjectMapper JSON = Json.MAPPER;

    private final InstanceService instances;
    private final Switchboard switchboard;

    public CallsApi(SigV4Authenticator authenticator, InstanceService instances, Switchboard switchboard) {
        super(authenticator);
        this.instances = instances;
        this.switchboard = switchboard;
    }

    @Override
    protected WireResponse handle(Caller caller, WireRequest request) {
        // _callgate / instances / {instanceId} / calls [/ {contactId}]
        List<String> path = request.path();
        InstanceRow instance = instances.findOpened(caller, path.get(2));
        String route = request.method() + " " + path.size();
        return switch (route) {
            case "POST 4" -> json(201, contact(switchboard.simulate(instance, number(body(request)), length(body(request)))));
            case "GET 4" -> json(200, live(instance));
            case "DELETE 5" -> {
                switchboard.stop(instance, path.get(4), CallEnd.API);
                yield new WireResponse(204, Map.of(), new byte[0]);
            }
            default -> throw ServiceError.invalidRequest("No calls operation matches " + request.method() + " " + request.rawPath() + ".");
        };
    }

    private ObjectNode live(InstanceRow instance) {
        List<ContactRow> calls = switchboard.live(instance);
        ObjectNode result = JSON.createObjectNode().put("instanceId", instance.id()).put("concurrentCalls", calls.size());
        ArrayNode list = result.putArray("calls");
        calls.forEach(call -> list.add(contact(call)));
        return result;
    }

    private static ObjectNode contact(ContactRow row) {
        ObjectNode node = JSON.createObjectNode()
                .put("contactId", row.id())
                .put("instanceId", row.instanceId())
                .put("initiationMethod", row.initiationMethod())
                .put("customerNumber", row.customerNumber())
                .put("systemNumber", row.systemNumber())
                .put("initiatedAt", Instant.ofEpochMilli(row.initiatedAt()).toString());
        if (row.disconnectedAt() != null) {
            node.put("disconnectedAt", Instant.ofEpochMilli(row.disconnectedAt()).toString()).put("disconnectReason", row.disconnectReason());
        }
        return node;
    }

    private static String number(JsonNode body) {
        JsonNode number = body.path("phoneNumber");
        if (number.isMissingNode() || number.isNull()) {
            return null;
        }
        String e164 = number.isTextual() ? Switchboard.e164(number.asText()) : null;
        if (e164 == null) {
            throw ServiceError.invalidParameter("phoneNumber must be a claimed number in E.164 form; got " + number + ".");
        }
        return e164;
    }

    private static Duration length(JsonNode body) {
        JsonNode seconds = body.path("durationSeconds");
        if (!seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.asLong() < 1) {
            throw ServiceError.invalidParameter("durationSeconds must be a whole number of seconds >= 1; got " + seconds + ".");
        }
        return Duration.ofSeconds(seconds.asLong());
    }

}
