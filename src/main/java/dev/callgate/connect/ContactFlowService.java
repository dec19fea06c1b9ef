package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.aws.StrictJson;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.ContactFlow;
import software.amazon.awssdk.services.connect.model.ContactFlowState;
import software.amazon.awssdk.services.connect.model.ContactFlowStatus;
import software.amazon.awssdk.services.connect.model.ContactFlowSummary;
import software.amazon.awssdk.services.connect.model.ContactFlowType;
import software.amazon.awssdk.services.connect.model.CreateContactFlowRequest;
import software.amazon.awssdk.services.connect.model.CreateContactFlowResponse;
import software.amazon.awssdk.services.connect.model.DeleteContactFlowRequest;
import software.amazon.awssdk.services.connect.model.DeleteContactFlowResponse;
import software.amazon.awssdk.services.connect.model.DescribeContactFlowRequest;
import software.amazon.awssdk.services.connect.model.DescribeContactFlowResponse;
import software.amazon.awssdk.services.connect.model.ListContactFlowsRequest;
import software.amazon.awssdk.services.connect.model.ListContactFlowsResponse;
import software.amazon.awssdk.services.connect.model.SearchContactFlowsRequest;
import software.amazon.awssdk.services.connect.model.SearchContactFlowsResponse;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowContentRequest;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowContentResponse;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowMetadataRequest;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowMetadataResponse;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowNameRequest;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowNameResponse;

/**
 * Contact flows (quota "Contact flows per instance"). The content is a JSON document carried as a
 * string; content that is not a JSON object is refused with InvalidContactFlowException and its problems.
 */
public final class ContactFlowService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final int MAX_CONTENT = 256_000;
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "description", "Description",
            "resourceId", "Id", "type", "Type", "state", "State", "status", "Status");
    private static final Map<String, SearchFilters.Condition> CONDITIONS = Map.of(
            "TypeCondition", SearchFilters.Condition.equalTo("Type"),
            "StateCondition", SearchFilters.Condition.equalTo("State"),
            "StatusCondition", SearchFilters.Condition.equalTo("Status"),
            "ContactFlowTypeCondition", (value, body) -> value.path("ContactFlowType").asText().equals(body.path("Type").asText()));

    private final InstanceResources resources;

    public ContactFlowService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateContactFlowRequest.class, this::create);
        handlers.on(DescribeContactFlowRequest.class, this::describe);
        handlers.on(ListContactFlowsRequest.class, this::list);
        handlers.on(DeleteContactFlowRequest.class, this::delete);
        handlers.on(UpdateContactFlowContentRequest.class, this::updateContent);
        handlers.on(UpdateContactFlowNameRequest.class, this::updateName);
        handlers.on(UpdateContactFlowMetadataRequest.class, this::updateMetadata);
        handlers.on(SearchContactFlowsRequest.class, this::search);
    }

    public CreateContactFlowResponse create(Caller caller, CreateContactFlowRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.length("Description", request.description(), 500);
        ContactFlowType type = Checks.known("Type", request.type(), request.typeAsString());
        ContactFlowStatus status = request.status() == null ? ContactFlowStatus.PUBLISHED
                : Checks.known("Status", request.status(), request.statusAsString());
        validateContent(request.content());
        String sha256 = sha256(request.content());
        var draft = resources.create(caller, request.instanceId(), ResourceKind.CONTACT_FLOW, request.name(), (tx, d) ->
                json(ContactFlow.builder().id(d.id()).arn(d.arn()).name(request.name()).type(type)
                        .state(ContactFlowState.ACTIVE).status(status).description(request.description())
                        .content(request.content()).flowContentSha256(sha256)
                        .tags(Checks.tags(request.tags(), request.hasTags()))
                        .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build()));
        return CreateContactFlowResponse.builder().contactFlowId(draft.id()).contactFlowArn(draft.arn())
                .flowContentSha256(sha256).build();
    }

    public DescribeContactFlowResponse describe(Caller caller, DescribeContactFlowRequest request) {
        ContactFlow flow = resources.describe(caller, request.instanceId(), ResourceKind.CONTACT_FLOW, request.contactFlowId(),
                ContactFlow.builder());
        return DescribeContactFlowResponse.builder().contactFlow(flow).build();
    }

    public ListContactFlowsResponse list(Caller caller, ListContactFlowsRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.CONTACT_FLOW), request.maxResults(),
                request.nextToken(), 100);
        List<String> types = request.hasContactFlowTypes() ? request.contactFlowTypesAsStrings() : null;
        return ListContactFlowsResponse.builder()
                .contactFlowSummaryList(page.rows().stream()
                        .map(row -> (ContactFlow) decode(row, ContactFlow.builder()))
                        .filter(flow -> types == null || types.contains(flow.typeAsString()))
                        .map(flow -> ContactFlowSummary.builder().id(flow.id()).arn(flow.arn()).name(flow.name())
                                .contactFlowType(flow.type()).contactFlowState(flow.state()).contactFlowStatus(flow.status()).build())
                        .toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteContactFlowResponse delete(Caller caller, DeleteContactFlowRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.CONTACT_FLOW, request.contactFlowId(),
                InstanceResources.Deletion.NONE);
        return DeleteContactFlowResponse.builder().build();
    }

    public UpdateContactFlowContentResponse updateContent(Caller caller, UpdateContactFlowContentRequest request) {
        validateContent(request.content());
        edit(caller, request.instanceId(), request.contactFlowId(), null,
                flow -> flow.content(request.content()).flowContentSha256(sha256(request.content())));
        return UpdateContactFlowContentResponse.builder().build();
    }

    public UpdateContactFlowNameResponse updateName(Caller caller, UpdateContactFlowNameRequest request) {
        names(request.name(), request.description());
        edit(caller, request.instanceId(), request.contactFlowId(), request.name(), flow -> renamed(flow, request.name(), request.description()));
        return UpdateContactFlowNameResponse.builder().build();
    }

    /** Name, description and state (ACTIVE or ARCHIVED); members left out stay as they are. */
    public UpdateContactFlowMetadataResponse updateMetadata(Caller caller, UpdateContactFlowMetadataRequest request) {
        if (request.name() != null) {
            Checks.name("Name", request.name(), 127);
        }
        Checks.length("Description", request.description(), 500);
        ContactFlowState state = request.contactFlowState() == null ? null
                : Checks.known("ContactFlowState", request.contactFlowState(), request.contactFlowStateAsString());
        edit(caller, request.instanceId(), request.contactFlowId(), request.name(), flow -> {
            renamed(flow, request.name(), request.description());
            return state == null ? flow : flow.state(state);
        });
        return UpdateContactFlowMetadataResponse.builder().build();
    }

    public SearchContactFlowsResponse search(Caller caller, SearchContactFlowsRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.CONTACT_FLOW,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS, CONDITIONS),
                request.maxResults(), request.nextToken(), 100);
        return SearchContactFlowsResponse.builder()
                .contactFlows(found.page().rows().stream().map(row -> (ContactFlow) decode(row, ContactFlow.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }

    private void edit(Caller caller, String instanceRef, String flowId, String name, UnaryOperator<ContactFlow.Builder> edit) {
        resources.revise(caller, instanceRef, ResourceKind.CONTACT_FLOW, flowId, name, (tx, row) -> {
            ContactFlow flow = decode(row, ContactFlow.builder());
            return json(edit.apply(flow.toBuilder()).lastModifiedTime(tx.now()).build());
        });
    }

    private static void names(String name, String description) {
        if (name == null && description == null) {
            throw ServiceError.invalidParameter("Give a Name, a Description or both.");
        }
        if (name != null) {
            Checks.name("Name", name, 127);
        }
        Checks.length("Description", description, 500);
    }

    private static ContactFlow.Builder renamed(ContactFlow.Builder flow, String name, String description) {
        if (name != null) {
            flow.name(name);
        }
        return description == null ? flow : flow.description(description);
    }

    private static void validateContent(String content) {
        String problem = contentProblem(content);
        if (problem != null) {
            throw new ServiceError(ErrorCode.INVALID_CONTACT_FLOW, problem, Map.of("problems", List.of(Map.of("message", problem))));
        }
    }

    /** What is wrong with a flow's (or flow module's) content: null when it is a JSON object within the size limit. */
    static String contentProblem(String content) {
        String problem;
        if (content.length() > MAX_CONTENT) {
            problem = "The flow content is " + content.length() + " characters long; at most " + MAX_CONTENT + " are allowed.";
        } else {
            try {
                JsonNode node = StrictJson.read(content);
                problem = node != null && node.isObject() ? null : "The flow content must be a JSON object.";
            } catch (StrictJson.Malformed e) {
                problem = "The flow content is not valid JSON: " + e.getMessage() + ".";
            }
        }
        return problem;
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
