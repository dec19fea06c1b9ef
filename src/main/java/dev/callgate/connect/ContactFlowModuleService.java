package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.ContactFlowModule;
import software.amazon.awssdk.services.connect.model.ContactFlowModuleState;
import software.amazon.awssdk.services.connect.model.ContactFlowModuleStatus;
import software.amazon.awssdk.services.connect.model.ContactFlowModuleSummary;
import software.amazon.awssdk.services.connect.model.CreateContactFlowModuleRequest;
import software.amazon.awssdk.services.connect.model.CreateContactFlowModuleResponse;
import software.amazon.awssdk.services.connect.model.DeleteContactFlowModuleRequest;
import software.amazon.awssdk.services.connect.model.DeleteContactFlowModuleResponse;
import software.amazon.awssdk.services.connect.model.DescribeContactFlowModuleRequest;
import software.amazon.awssdk.services.connect.model.DescribeContactFlowModuleResponse;
import software.amazon.awssdk.services.connect.model.ListContactFlowModulesRequest;
import software.amazon.awssdk.services.connect.model.ListContactFlowModulesResponse;
import software.amazon.awssdk.services.connect.model.SearchContactFlowModulesRequest;
import software.amazon.awssdk.services.connect.model.SearchContactFlowModulesResponse;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowModuleContentRequest;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowModuleContentResponse;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowModuleMetadataRequest;
import software.amazon.awssdk.services.connect.model.UpdateContactFlowModuleMetadataResponse;

/**
 * Flow modules (quota "Flow modules per instance"): reusable parts of contact flows. Their content is a
 * JSON document carried as a string, as a flow's is; content that is not a JSON object is refused with
 * InvalidContactFlowModuleException and its problems.
 */
public final class ContactFlowModuleService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "description", "Description", "resourceId", "Id");
    private static final Map<String, SearchFilters.Condition> CONDITIONS = Map.of(
            "StateCondition", SearchFilters.Condition.equalTo("State"),
            "StatusCondition", SearchFilters.Condition.equalTo("Status"));

    private final InstanceResources resources;

    public ContactFlowModuleService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateContactFlowModuleRequest.class, this::create);
        handlers.on(DescribeContactFlowModuleRequest.class, this::describe);
        handlers.on(ListContactFlowModulesRequest.class, this::list);
        handlers.on(UpdateContactFlowModuleContentRequest.class, this::updateContent);
        handlers.on(UpdateContactFlowModuleMetadataRequest.class, this::updateMetadata);
        handlers.on(DeleteContactFlowModuleRequest.class, this::delete);
        handlers.on(SearchContactFlowModulesRequest.class, this::search);
    }

    public CreateContactFlowModuleResponse create(Caller caller, CreateContactFlowModuleRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.length("Description", request.description(), 500);
        validateContent(request.content());
        var draft = resources.create(caller, request.instanceId(), ResourceKind.CONTACT_FLOW_MODULE, request.name(), (tx, d) ->
                json(ContactFlowModule.builder().id(d.id()).arn(d.arn()).name(request.name()).description(request.description())
                        .content(request.content()).settings(request.settings())
                        .externalInvocationConfiguration(request.externalInvocationConfiguration())
                        .state(ContactFlowModuleState.ACTIVE).status(ContactFlowModuleStatus.PUBLISHED)
                        .tags(Checks.tags(request.tags(), request.hasTags())).build()));
        return CreateContactFlowModuleResponse.builder().id(draft.id()).arn(draft.arn()).build();
    }

    public DescribeContactFlowModuleResponse describe(Caller caller, DescribeContactFlowModuleRequest request) {
        ContactFlowModule module = resources.describe(caller, request.instanceId(), ResourceKind.CONTACT_FLOW_MODULE,
                request.contactFlowModuleId(), ContactFlowModule.builder());
        return DescribeContactFlowModuleResponse.builder().contactFlowModule(module).build();
    }

    public ListContactFlowModulesResponse list(Caller caller, ListContactFlowModulesRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.CONTACT_FLOW_MODULE), request.maxResults(),
                request.nextToken(), 100);
        ContactFlowModuleState state = request.contactFlowModuleState();
        return ListContactFlowModulesResponse.builder()
                .contactFlowModulesSummaryList(page.rows().stream()
                        .map(row -> (ContactFlowModule) decode(row, ContactFlowModule.builder()))
                        .filter(module -> state == null || module.state() == state)
                        .map(module -> ContactFlowModuleSummary.builder().id(module.id()).arn(module.arn()).name(module.name())
                                .state(module.state()).build())
                        .toList())
                .nextToken(page.nextToken()).build();
    }

    public UpdateContactFlowModuleContentResponse updateContent(Caller caller, UpdateContactFlowModuleContentRequest request) {
        validateContent(request.content());
        edit(caller, request.instanceId(), request.contactFlowModuleId(), null, module -> {
            module.content(request.content());
            return request.settings() == null ? module : module.settings(request.settings());
        });
        return UpdateContactFlowModuleContentResponse.builder().build();
    }

    /** Name, description and state (ACTIVE or ARCHIVED); members left out stay as they are. */
    public UpdateContactFlowModuleMetadataResponse updateMetadata(Caller caller, UpdateContactFlowModuleMetadataRequest request) {
        if (request.name() != null) {
            Checks.name("Name", request.name(), 127);
        }
        Checks.length("Description", request.description(), 500);
        ContactFlowModuleState state = request.state() == null ? null
                : Checks.known("State", request.state(), request.stateAsString());
        edit(caller, request.instanceId(), request.contactFlowModuleId(), request.name(), module -> {
            if (request.name() != null) {
                module.name(request.name());
            }
            if (request.description() != null) {
                module.description(request.description());
            }
            return state == null ? module : module.state(state);
        });
        return UpdateContactFlowModuleMetadataResponse.builder().build();
    }

    public DeleteContactFlowModuleResponse delete(Caller caller, DeleteContactFlowModuleRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.CONTACT_FLOW_MODULE, request.contactFlowModuleId(),
                InstanceResources.Deletion.NONE);
        return DeleteContactFlowModuleResponse.builder().build();
    }

    public SearchContactFlowModulesResponse search(Caller caller, SearchContactFlowModulesRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.CONTACT_FLOW_MODULE,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS, CONDITIONS),
                request.maxResults(), request.nextToken(), 100);
        return SearchContactFlowModulesResponse.builder()
                .contactFlowModules(found.page().rows().stream()
                        .map(row -> (ContactFlowModule) decode(row, ContactFlowModule.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }

    private void edit(Caller caller, String instanceRef, String id, String name, UnaryOperator<ContactFlowModule.Builder> edit) {
        resources.revise(caller, instanceRef, ResourceKind.CONTACT_FLOW_MODULE, id, name, (tx, row) -> {
            ContactFlowModule module = decode(row, ContactFlowModule.builder());
            return json(edit.apply(module.toBuilder()).build());
        });
    }

    private static void validateContent(String content) {
        String problem = ContactFlowService.contentProblem(content);
        if (problem != null) {
            throw new ServiceError(ErrorCode.INVALID_CONTACT_FLOW_MODULE, problem, Map.of("Problems", List.of(Map.of("message", problem))));
        }
    }
}
