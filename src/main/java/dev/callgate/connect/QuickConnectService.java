package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.RefRow;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateQuickConnectRequest;
import software.amazon.awssdk.services.connect.model.CreateQuickConnectResponse;
import software.amazon.awssdk.services.connect.model.DeleteQuickConnectRequest;
import software.amazon.awssdk.services.connect.model.DeleteQuickConnectResponse;
import software.amazon.awssdk.services.connect.model.DescribeQuickConnectRequest;
import software.amazon.awssdk.services.connect.model.DescribeQuickConnectResponse;
import software.amazon.awssdk.services.connect.model.ListQuickConnectsRequest;
import software.amazon.awssdk.services.connect.model.ListQuickConnectsResponse;
import software.amazon.awssdk.services.connect.model.QuickConnect;
import software.amazon.awssdk.services.connect.model.QuickConnectConfig;
import software.amazon.awssdk.services.connect.model.QuickConnectSummary;
import software.amazon.awssdk.services.connect.model.QuickConnectType;
import software.amazon.awssdk.services.connect.model.SearchQuickConnectsRequest;
import software.amazon.awssdk.services.connect.model.SearchQuickConnectsResponse;
import software.amazon.awssdk.services.connect.model.UpdateQuickConnectConfigRequest;
import software.amazon.awssdk.services.connect.model.UpdateQuickConnectConfigResponse;
import software.amazon.awssdk.services.connect.model.UpdateQuickConnectNameRequest;
import software.amazon.awssdk.services.connect.model.UpdateQuickConnectNameResponse;

/**
 * Quick connects (quota "Quick connects per instance"): a transfer to a user, a queue, a phone number
 * or a flow. The user, queue and flow they name stay in use while they exist; deleting a quick
 * connect takes it off the queues that offered it.
 */
public final class QuickConnectService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "description", "Description",
            "resourceId", "QuickConnectId", "quickConnectType", "QuickConnectConfig.QuickConnectType");
    private final InstanceResources resources;

    public QuickConnectService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateQuickConnectRequest.class, this::create);
        handlers.on(DescribeQuickConnectRequest.class, this::describe);
        handlers.on(ListQuickConnectsRequest.class, this::list);
        handlers.on(DeleteQuickConnectRequest.class, this::delete);
        handlers.on(UpdateQuickConnectNameRequest.class, this::updateName);
        handlers.on(UpdateQuickConnectConfigRequest.class, this::updateConfig);
        handlers.on(SearchQuickConnectsRequest.class, this::search);
    }

    public CreateQuickConnectResponse create(Caller caller, CreateQuickConnectRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.length("Description", request.description(), 250);
        QuickConnectConfig config = request.quickConnectConfig();
        QuickConnectType type = Checks.known("QuickConnectConfig.QuickConnectType", config.quickConnectType(),
                config.quickConnectTypeAsString());
        var draft = resources.create(caller, request.instanceId(), ResourceKind.QUICK_CONNECT, request.name(), (tx, d) -> {
            configure(tx, d.id(), type, config);
            return json(QuickConnect.builder().quickConnectId(d.id()).quickConnectARN(d.arn()).name(request.name())
                    .description(request.description()).quickConnectConfig(config)
                    .tags(Checks.tags(request.tags(), request.hasTags()))
                    .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build());
        });
        return CreateQuickConnectResponse.builder().quickConnectId(draft.id()).quickConnectARN(draft.arn()).build();
    }

    public DescribeQuickConnectResponse describe(Caller caller, DescribeQuickConnectRequest request) {
        QuickConnect quickConnect = resources.describe(caller, request.instanceId(), ResourceKind.QUICK_CONNECT,
                request.quickConnectId(), QuickConnect.builder());
        return DescribeQuickConnectResponse.builder().quickConnect(quickConnect).build();
    }

    public ListQuickConnectsResponse list(Caller caller, ListQuickConnectsRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.QUICK_CONNECT), request.maxResults(),
                request.nextToken(), 100);
        List<String> types = request.hasQuickConnectTypes() ? request.quickConnectTypesAsStrings() : null;
        return ListQuickConnectsResponse.builder()
                .quickConnectSummaryList(page.rows().stream()
                        .map(row -> (QuickConnect) decode(row, QuickConnect.builder()))
                        .filter(qc -> types == null || types.contains(qc.quickConnectConfig().quickConnectTypeAsString()))
                        .map(qc -> QuickConnectSummary.builder().id(qc.quickConnectId()).arn(qc.quickConnectARN()).name(qc.name())
                                .quickConnectType(qc.quickConnectConfig().quickConnectType())
                                .lastModifiedTime(qc.lastModifiedTime()).lastModifiedRegion(qc.lastModifiedRegion()).build())
                        .toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteQuickConnectResponse delete(Caller caller, DeleteQuickConnectRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.QUICK_CONNECT, request.quickConnectId(),
                (tx, row) -> tx.dropRefsTo(ResourceKind.QUICK_CONNECT, row.id(), Relations.QUICK_CONNECT));
        return DeleteQuickConnectResponse.builder().build();
    }

    public UpdateQuickConnectNameResponse updateName(Caller caller, UpdateQuickConnectNameRequest request) {
        if (request.name() == null && request.description() == null) {
            throw ServiceError.invalidParameter("Give a Name, a Description or both.");
        }
        if (request.name() != null) {
            Checks.name("Name", request.name(), 127);
        }
        Checks.length("Description", request.description(), 250);
        resources.revise(caller, request.instanceId(), ResourceKind.QUICK_CONNECT, request.quickConnectId(), request.name(),
                (tx, row) -> {
                    QuickConnect.Builder qc = ((QuickConnect) decode(row, QuickConnect.builder())).toBuilder();
                    if (request.name() != null) {
                        qc.name(request.name());
                    }
                    if (request.description() != null) {
                        qc.description(request.description());
                    }
                    return json(qc.lastModifiedTime(tx.now()).build());
                });
        return UpdateQuickConnectNameResponse.builder().build();
    }

    /** Replaces what the quick connect transfers to; the user, queue or flow it named before is free again. */
    public UpdateQuickConnectConfigResponse updateConfig(Caller caller, UpdateQuickConnectConfigRequest request) {
        QuickConnectConfig config = request.quickConnectConfig();
        QuickConnectType type = Checks.known("QuickConnectConfig.QuickConnectType", config.quickConnectType(),
                config.quickConnectTypeAsString());
        resources.revise(caller, request.instanceId(), ResourceKind.QUICK_CONNECT, request.quickConnectId(), null, (tx, row) -> {
            for (RefRow ref : tx.refsFrom(ResourceKind.QUICK_CONNECT, row.id(), "")) {
                tx.unref(ref);
            }
            configure(tx, row.id(), type, config);
            QuickConnect qc = decode(row, QuickConnect.builder());
            return json(qc.toBuilder().quickConnectConfig(config).lastModifiedTime(tx.now()).build());
        });
        return UpdateQuickConnectConfigResponse.builder().build();
    }

    public SearchQuickConnectsResponse search(Caller caller, SearchQuickConnectsRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.QUICK_CONNECT,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS),
                request.maxResults(), request.nextToken(), 100);
        return SearchQuickConnectsResponse.builder()
                .quickConnects(found.page().rows().stream().map(row -> (QuickConnect) decode(row, QuickConnect.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }

    /** Checks and records what a quick connect of this type transfers to. */
    private static void configure(InstanceResources.Tx tx, String id, QuickConnectType type, QuickConnectConfig config)
            throws SQLException {
        switch (type) {
            case USER -> {
                present("UserConfig", config.userConfig());
                target(tx, id, ResourceKind.USER, config.userConfig().userId());
                flow(tx, id, config.userConfig().contactFlowId());
            }
            case QUEUE -> {
                present("QueueConfig", config.queueConfig());
                target(tx, id, ResourceKind.QUEUE, config.queueConfig().queueId());
                flow(tx, id, config.queueConfig().contactFlowId());
            }
            case PHONE_NUMBER -> {
                present("PhoneConfig", config.phoneConfig());
                if (config.phoneConfig().phoneNumber() == null || !config.phoneConfig().phoneNumber().matches("\\+[1-9]\\d{1,14}")) {
                    throw ServiceError.invalidParameter("PhoneConfig.PhoneNumber '" + config.phoneConfig().phoneNumber()
                            + "' is not an E.164 number.");
                }
            }
            case FLOW -> {
                present("FlowConfig", config.flowConfig());
                flow(tx, id, config.flowConfig().contactFlowId());
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private static void target(InstanceResources.Tx tx, String id, ResourceKind kind, String targetId) throws SQLException {
        tx.require(kind, targetId);
        tx.ref(ResourceKind.QUICK_CONNECT, id, Relations.TARGET, kind, targetId);
    }

    private static void flow(InstanceResources.Tx tx, String id, String flowId) throws SQLException {
        tx.require(ResourceKind.CONTACT_FLOW, flowId);
        tx.ref(ResourceKind.QUICK_CONNECT, id, Relations.FLOW, ResourceKind.CONTACT_FLOW, flowId);
    }

    private static void present(String member, Object config) {
        if (config == null) {
            throw ServiceError.invalidParameter("QuickConnectConfig." + member + " is required for this QuickConnectType.");
        }
    }
}
