package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.ResourceKind;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.connect.model.AgentStatus;
import software.amazon.awssdk.services.connect.model.AgentStatusState;
import software.amazon.awssdk.services.connect.model.AgentStatusSummary;
import software.amazon.awssdk.services.connect.model.AgentStatusType;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateAgentStatusRequest;
import software.amazon.awssdk.services.connect.model.CreateAgentStatusResponse;
import software.amazon.awssdk.services.connect.model.DescribeAgentStatusRequest;
import software.amazon.awssdk.services.connect.model.DescribeAgentStatusResponse;
import software.amazon.awssdk.services.connect.model.ListAgentStatusesRequest;
import software.amazon.awssdk.services.connect.model.ListAgentStatusesResponse;
import software.amazon.awssdk.services.connect.model.SearchAgentStatusesRequest;
import software.amazon.awssdk.services.connect.model.SearchAgentStatusesResponse;
import software.amazon.awssdk.services.connect.model.UpdateAgentStatusRequest;
import software.amazon.awssdk.services.connect.model.UpdateAgentStatusResponse;

/**
 * Agent statuses (quota "Agent statuses per instance", not adjustable). A status is disabled, never
 * deleted: disabled statuses still count.
 */
public final class AgentStatusService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "description", "Description", "resourceId", "AgentStatusId", "type", "Type", "state", "State");
    private final InstanceResources resources;

    public AgentStatusService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateAgentStatusRequest.class, this::create);
        handlers.on(DescribeAgentStatusRequest.class, this::describe);
        handlers.on(ListAgentStatusesRequest.class, this::list);
        handlers.on(UpdateAgentStatusRequest.class, this::update);
        handlers.on(SearchAgentStatusesRequest.class, this::search);
    }

    public CreateAgentStatusResponse create(Caller caller, CreateAgentStatusRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.length("Description", request.description(), 250);
        AgentStatusState state = Checks.known("State", request.state(), request.stateAsString());
        if (request.displayOrder() != null) {
            Checks.range("DisplayOrder", request.displayOrder(), 1, 50);
        }
        var draft = resources.create(caller, request.instanceId(), ResourceKind.AGENT_STATUS, request.name(), (tx, d) ->
                json(AgentStatus.builder().agentStatusId(d.id()).agentStatusARN(d.arn()).name(request.name())
                        .description(request.description()).type(AgentStatusType.CUSTOM).state(state)
                        .displayOrder(request.displayOrder()).tags(Checks.tags(request.tags(), request.hasTags()))
                        .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build()));
        return CreateAgentStatusResponse.builder().agentStatusId(draft.id()).agentStatusARN(draft.arn()).build();
    }

    public DescribeAgentStatusResponse describe(Caller caller, DescribeAgentStatusRequest request) {
        AgentStatus status = resources.describe(caller, request.instanceId(), ResourceKind.AGENT_STATUS, request.agentStatusId(),
                AgentStatus.builder());
        return DescribeAgentStatusResponse.builder().agentStatus(status).build();
    }

    public ListAgentStatusesResponse list(Caller caller, ListAgentStatusesRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.AGENT_STATUS), request.maxResults(),
                request.nextToken(), 100);
        List<String> types = request.hasAgentStatusTypes() ? request.agentStatusTypesAsStrings() : null;
        return ListAgentStatusesResponse.builder()
                .agentStatusSummaryList(page.rows().stream()
                        .map(row -> (AgentStatus) decode(row, AgentStatus.builder()))
                        .filter(status -> types == null || types.contains(status.typeAsString()))
                        .map(status -> AgentStatusSummary.builder().id(status.agentStatusId()).arn(status.agentStatusARN())
                                .name(status.name()).type(status.type()).lastModifiedTime(status.lastModifiedTime())
                                .lastModifiedRegion(status.lastModifiedRegion()).build())
                        .toList())
                .nextToken(page.nextToken()).build();
    }

    /** Renames, describes, enables or disables, or reorders a status; disabling frees no slot. */
    public UpdateAgentStatusResponse update(Caller caller, UpdateAgentStatusRequest request) {
        if (request.name() != null) {
            Checks.name("Name", request.name(), 127);
        }
        Checks.length("Description", request.description(), 250);
        AgentStatusState state = request.state() == null ? null : Checks.known("State", request.state(), request.stateAsString());
        if (request.displayOrder() != null) {
            Checks.range("DisplayOrder", request.displayOrder(), 1, 50);
        }
        resources.update(caller, request.instanceId(), ResourceKind.AGENT_STATUS, request.agentStatusId(), (tx, row) -> {
            AgentStatus current = decode(row, AgentStatus.builder());
            AgentStatus.Builder next = current.toBuilder().lastModifiedTime(tx.now());
            if (request.name() != null && !request.name().equals(current.name())) {
                tx.rename(row, request.name());
                next.name(request.name());
            }
            if (request.description() != null) {
                next.description(request.description());
            }
            if (state != null) {
                next.state(state);
            }
            if (request.displayOrder() != null) {
                next.displayOrder(request.displayOrder());
            }
            if (Boolean.TRUE.equals(request.resetOrderNumber())) {
                next.displayOrder(null);
            }
            return json(next.build());
        });
        return UpdateAgentStatusResponse.builder().build();
    }

    public SearchAgentStatusesResponse search(Caller caller, SearchAgentStatusesRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.AGENT_STATUS,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS),
                request.maxResults(), request.nextToken(), 100);
        return SearchAgentStatusesResponse.builder()
                .agentStatuses(found.page().rows().stream().map(row -> (AgentStatus) decode(row, AgentStatus.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }
}
