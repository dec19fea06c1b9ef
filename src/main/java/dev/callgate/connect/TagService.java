package dev.callgate.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Arns;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.instance.ResourceKind;
import dev.callgate.json.Json;
import dev.callgate.numbers.PhoneNumberService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.connect.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.connect.model.TagResourceRequest;
import software.amazon.awssdk.services.connect.model.TagResourceResponse;
import software.amazon.awssdk.services.connect.model.UntagResourceRequest;
import software.amazon.awssdk.services.connect.model.UntagResourceResponse;

/**
 * Tags on instances and on every resource with an ARN, named by that ARN (it arrives percent-encoded
 * in the path; the wire decodes it). An ARN of another account or region is simply not found. A
 * resource's tags are the "Tags" member of its stored description.
 */
public final class TagService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int MAX_TAGS = 50;

    private final InstanceService instances;
    private final InstanceResources resources;
    private final PhoneNumberService phoneNumbers;

    public TagService(InstanceService instances, InstanceResources resources, PhoneNumberService phoneNumbers) {
        this.instances = instances;
        this.resources = resources;
        this.phoneNumbers = phoneNumbers;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(TagResourceRequest.class, this::tag);
        handlers.on(UntagResourceRequest.class, this::untag);
        handlers.on(ListTagsForResourceRequest.class, this::list);
    }

    public TagResourceResponse tag(Caller caller, TagResourceRequest request) {
        Map<String, String> tags = Checks.tags(request.tags(), request.hasTags());
        if (tags.isEmpty()) {
            throw ServiceError.invalidParameter("tags must hold at least one tag.");
        }
        retag(caller, request.resourceArn(), current -> {
            current.putAll(tags);
            if (current.size() > MAX_TAGS) {
                throw ServiceError.invalidParameter("A resource may have at most " + MAX_TAGS + " tags; this would give it " + current.size() + ".");
            }
            return current;
        });
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untag(Caller caller, UntagResourceRequest request) {
        List<String> keys = request.hasTagKeys() ? request.tagKeys() : List.of();
        retag(caller, request.resourceArn(), current -> {
            keys.forEach(current::remove);
            return current;
        });
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse list(Caller caller, ListTagsForResourceRequest request) {
        Target target = parse(caller, request.resourceArn());
        Map<String, String> tags;
        if (target.kind() == null) {
            tags = instances.find(caller, target.instanceId()).tags();
        } else {
            tags = tagsOf(resources.find(caller, target.instanceId(), target.kind(), target.id()).body());
        }
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    private void retag(Caller caller, String arn, UnaryOperator<Map<String, String>> change) {
        Target target = parse(caller, arn);
        if (target.kind() == null) {
            instances.retag(caller, target.instanceId(), change);
            return;
        }
        resources.update(caller, target.instanceId(), target.kind(), target.id(), (tx, row) -> {
            ObjectNode body = (ObjectNode) read(row.body());
            Map<String, String> tags = change.apply(tagsOf(row.body()));
            body.set("Tags", JSON.valueToTree(tags));
            return body.toString();
        });
    }

    /** The instance, kind and id an ARN names; kind null for the instance itself. */
    private Target parse(Caller caller, String arn) {
        String[] fields = arn.split(":", 6);
        if (!arn.startsWith("arn:") || fields.length != 6 || !fields[2].equals("connect")) {
            throw ServiceError.invalidParameter("resourceArn '" + arn + "' is not an Amazon Connect ARN.");
        }
        if (!fields[1].equals(Arns.PARTITION) || !fields[3].equals(caller.region()) || !fields[4].equals(caller.accountId())) {
            throw notFound(arn);
        }
        String[] path = fields[5].split("/", -1);
        if (path.length == 2 && path[0].equals("phone-number")) {
            InstanceRow instance = phoneNumbers.instanceOf(caller, path[1]);
            return new Target(instance.id(), ResourceKind.PHONE_NUMBER, path[1]);
        }
        if (path.length < 2 || !path[0].equals("instance")) {
            throw notFound(arn);
        }
        if (path.length == 2) {
            return new Target(path[1], null, null);
        }
        if (path.length == 5 && path[2].equals("queue") && path[3].equals("agent")) {
            return new Target(path[1], ResourceKind.AGENT_QUEUE, path[4]);
        }
        if (path.length == 4) {
            for (ResourceKind kind : ResourceKind.values()) {
                if (path[2].equals(kind.arnSegment()) && kind != ResourceKind.AGENT_QUEUE && kind != ResourceKind.PHONE_NUMBER) {
                    return new Target(path[1], kind, path[3]);
                }
            }
        }
        throw notFound(arn);
    }

    private static Map<String, String> tagsOf(String body) {
        Map<String, String> tags = new TreeMap<>();
        read(body).path("Tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored description is not JSON: " + body, e);
        }
    }

    private static ServiceError notFound(String arn) {
        return ServiceError.notFound("Resource " + arn + " not found.");
    }

    private record Target(String instanceId, ResourceKind kind, String id) {
    }
}
