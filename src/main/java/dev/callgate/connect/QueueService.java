package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.Pages;
import dev.callgate.instance.RefRow;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.connect.model.AssociateQueueQuickConnectsRequest;
import software.amazon.awssdk.services.connect.model.AssociateQueueQuickConnectsResponse;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateQueueRequest;
import software.amazon.awssdk.services.connect.model.CreateQueueResponse;
import software.amazon.awssdk.services.connect.model.DeleteQueueRequest;
import software.amazon.awssdk.services.connect.model.DeleteQueueResponse;
import software.amazon.awssdk.services.connect.model.DescribeQueueRequest;
import software.amazon.awssdk.services.connect.model.DescribeQueueResponse;
import software.amazon.awssdk.services.connect.model.DisassociateQueueQuickConnectsRequest;
import software.amazon.awssdk.services.connect.model.DisassociateQueueQuickConnectsResponse;
import software.amazon.awssdk.services.connect.model.ListQueueQuickConnectsRequest;
import software.amazon.awssdk.services.connect.model.ListQueueQuickConnectsResponse;
import software.amazon.awssdk.services.connect.model.ListQueuesRequest;
import software.amazon.awssdk.services.connect.model.ListQueuesResponse;
import software.amazon.awssdk.services.connect.model.OutboundCallerConfig;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.QueueStatus;
import software.amazon.awssdk.services.connect.model.QueueSummary;
import software.amazon.awssdk.services.connect.model.QueueType;
import software.amazon.awssdk.services.connect.model.QuickConnect;
import software.amazon.awssdk.services.connect.model.QuickConnectSummary;
import software.amazon.awssdk.services.connect.model.SearchQueuesRequest;
import software.amazon.awssdk.services.connect.model.SearchQueuesResponse;
import software.amazon.awssdk.services.connect.model.UpdateQueueHoursOfOperationRequest;
import software.amazon.awssdk.services.connect.model.UpdateQueueHoursOfOperationResponse;
import software.amazon.awssdk.services.connect.model.UpdateQueueMaxContactsRequest;
import software.amazon.awssdk.services.connect.model.UpdateQueueMaxContactsResponse;
import software.amazon.awssdk.services.connect.model.UpdateQueueNameRequest;
import software.amazon.awssdk.services.connect.model.UpdateQueueNameResponse;
import software.amazon.awssdk.services.connect.model.UpdateQueueOutboundCallerConfigRequest;
import software.amazon.awssdk.services.connect.model.UpdateQueueOutboundCallerConfigResponse;
import software.amazon.awssdk.services.connect.model.UpdateQueueStatusRequest;
import software.amazon.awssdk.services.connect.model.UpdateQueueStatusResponse;

/**
 * Standard queues (quota "Queues per instance") and the per-agent queues every user has, which count
 * toward no quota. A queue that a routing profile or a quick connect uses cannot be deleted.
 */
public final class QueueService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final int MAX_QUICK_CONNECTS = 50;
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "description", "Description",
            "resourceId", "QueueId", "status", "Status");
    /** A search reads only STANDARD queues: a user's AGENT queue is a row of another kind. */
    private static final Map<String, SearchFilters.Condition> CONDITIONS = Map.of(
            "QueueTypeCondition", (value, body) -> value.asText().equals("STANDARD"));
    private final InstanceResources resources;

    public QueueService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateQueueRequest.class, this::create);
        handlers.on(DescribeQueueRequest.class, this::describe);
        handlers.on(ListQueuesRequest.class, this::list);
        handlers.on(DeleteQueueRequest.class, this::delete);
        handlers.on(UpdateQueueNameRequest.class, this::updateName);
        handlers.on(UpdateQueueHoursOfOperationRequest.class, this::updateHours);
        handlers.on(UpdateQueueMaxContactsRequest.class, this::updateMaxContacts);
        handlers.on(UpdateQueueOutboundCallerConfigRequest.class, this::updateOutboundCallerConfig);
        handlers.on(UpdateQueueStatusRequest.class, this::updateStatus);
        handlers.on(AssociateQueueQuickConnectsRequest.class, this::associateQuickConnects);
        handlers.on(DisassociateQueueQuickConnectsRequest.class, this::disassociateQuickConnects);
        handlers.on(ListQueueQuickConnectsRequest.class, this::listQuickConnects);
        handlers.on(SearchQueuesRequest.class, this::search);
    }

    public CreateQueueResponse create(Caller caller, CreateQueueRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.length("Description", request.description(), 250);
        maxContacts(request.maxContacts());
        List<String> quickConnects = Checks.distinct("QuickConnectIds", request.quickConnectIds(), 0, MAX_QUICK_CONNECTS);
        var draft = resources.create(caller, request.instanceId(), ResourceKind.QUEUE, request.name(), (tx, d) -> {
            tx.require(ResourceKind.HOURS_OF_OPERATION, request.hoursOfOperationId());
            tx.ref(ResourceKind.QUEUE, d.id(), Relations.HOURS, ResourceKind.HOURS_OF_OPERATION, request.hoursOfOperationId());
            for (String quickConnect : quickConnects) {
                tx.require(ResourceKind.QUICK_CONNECT, quickConnect);
                tx.ref(ResourceKind.QUEUE, d.id(), Relations.QUICK_CONNECT, ResourceKind.QUICK_CONNECT, quickConnect);
            }
            return json(Queue.builder()
                    .queueId(d.id()).queueArn(d.arn()).name(request.name()).description(request.description())
                    .outboundCallerConfig(request.outboundCallerConfig()).outboundEmailConfig(request.outboundEmailConfig())
                    .hoursOfOperationId(request.hoursOfOperationId()).maxContacts(request.maxContacts())
                    .status(QueueStatus.ENABLED).tags(Checks.tags(request.tags(), request.hasTags()))
                    .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build());
        });
        return CreateQueueResponse.builder().queueId(draft.id()).queueArn(draft.arn()).build();
    }

    /** A standard queue, or a user's agent queue (whose id is the user's). */
    public DescribeQueueResponse describe(Caller caller, DescribeQueueRequest request) {
        ResourceRow row;
        try {
            row = resources.find(caller, request.instanceId(), ResourceKind.QUEUE, request.queueId());
        } catch (ServiceError notStandard) {
            row = resources.find(caller, request.instanceId(), ResourceKind.AGENT_QUEUE, request.queueId());
        }
        return DescribeQueueResponse.builder().queue((Queue) decode(row, Queue.builder())).build();
    }

    public ListQueuesResponse list(Caller caller, ListQueuesRequest request) {
        List<ResourceKind> kinds = new ArrayList<>();
        if (!request.hasQueueTypes() || request.queueTypes().contains(QueueType.STANDARD)) {
            kinds.add(ResourceKind.QUEUE);
        }
        if (!request.hasQueueTypes() || request.queueTypes().contains(QueueType.AGENT)) {
            kinds.add(ResourceKind.AGENT_QUEUE);
        }
        if (kinds.isEmpty()) {
            throw ServiceError.invalidParameter("queueTypes must be STANDARD or AGENT; got " + request.queueTypesAsStrings() + ".");
        }
        var page = resources.list(caller, request.instanceId(), kinds, request.maxResults(), request.nextToken(), 100);
        return ListQueuesResponse.builder()
                .queueSummaryList(page.rows().stream().map(row -> {
                    Queue queue = decode(row, Queue.builder());
                    return QueueSummary.builder().id(queue.queueId()).arn(queue.queueArn()).name(queue.name())
                            .queueType(row.kind().equals(ResourceKind.AGENT_QUEUE.name()) ? QueueType.AGENT : QueueType.STANDARD)
                            .lastModifiedTime(queue.lastModifiedTime()).lastModifiedRegion(queue.lastModifiedRegion()).build();
                }).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteQueueResponse delete(Caller caller, DeleteQueueRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.QUEUE, request.queueId(), InstanceResources.Deletion.NONE);
        return DeleteQueueResponse.builder().build();
    }

    /** Renames a queue and changes its description (kept when left out). */
    public UpdateQueueNameResponse updateName(Caller caller, UpdateQueueNameRequest request) {
        if (request.name() == null && request.description() == null) {
            throw ServiceError.invalidParameter("Give a Name, a Description or both.");
        }
        if (request.name() != null) {
            Checks.name("Name", request.name(), 127);
        }
        Checks.length("Description", request.description(), 250);
        edit(caller, request.instanceId(), request.queueId(), request.name(), (tx, queue) -> {
            if (request.name() != null) {
                queue.name(request.name());
            }
            return request.description() == null ? queue : queue.description(request.description());
        });
        return UpdateQueueNameResponse.builder().build();
    }

    public UpdateQueueHoursOfOperationResponse updateHours(Caller caller, UpdateQueueHoursOfOperationRequest request) {
        edit(caller, request.instanceId(), request.queueId(), null, (tx, queue) -> {
            tx.require(ResourceKind.HOURS_OF_OPERATION, request.hoursOfOperationId());
            for (RefRow hours : tx.refsFrom(ResourceKind.QUEUE, request.queueId(), Relations.HOURS)) {
                tx.unref(hours);
            }
            tx.ref(ResourceKind.QUEUE, request.queueId(), Relations.HOURS, ResourceKind.HOURS_OF_OPERATION,
                    request.hoursOfOperationId());
            return queue.hoursOfOperationId(request.hoursOfOperationId());
        });
        return UpdateQueueHoursOfOperationResponse.builder().build();
    }

    /** Sets the most contacts the queue holds; left out, the queue holds as many as the instance allows. */
    public UpdateQueueMaxContactsResponse updateMaxContacts(Caller caller, UpdateQueueMaxContactsRequest request) {
        maxContacts(request.maxContacts());
        edit(caller, request.instanceId(), request.queueId(), null, (tx, queue) -> queue.maxContacts(request.maxContacts()));
        return UpdateQueueMaxContactsResponse.builder().build();
    }

    public UpdateQueueOutboundCallerConfigResponse updateOutboundCallerConfig(Caller caller,
            UpdateQueueOutboundCallerConfigRequest request) {
        OutboundCallerConfig config = request.outboundCallerConfig();
        edit(caller, request.instanceId(), request.queueId(), null, (tx, queue) -> {
            if (config.outboundFlowId() != null) {
                tx.require(ResourceKind.CONTACT_FLOW, config.outboundFlowId());
            }
            return queue.outboundCallerConfig(config);
        });
        return UpdateQueueOutboundCallerConfigResponse.builder().build();
    }

    public UpdateQueueStatusResponse updateStatus(Caller caller, UpdateQueueStatusRequest request) {
        QueueStatus status = Checks.known("Status", request.status(), request.statusAsString());
        edit(caller, request.instanceId(), request.queueId(), null, (tx, queue) -> queue.status(status));
        return UpdateQueueStatusResponse.builder().build();
    }

    /** Offers more quick connects on a queue: each must exist and not be offered yet; a queue offers at most 50. */
    public AssociateQueueQuickConnectsResponse associateQuickConnects(Caller caller, AssociateQueueQuickConnectsRequest request) {
        List<String> ids = Checks.distinct("QuickConnectIds", request.quickConnectIds(), 1, MAX_QUICK_CONNECTS);
        edit(caller, request.instanceId(), request.queueId(), null, (tx, queue) -> {
            List<RefRow> offered = tx.refsFrom(ResourceKind.QUEUE, request.queueId(), Relations.QUICK_CONNECT);
            for (String id : ids) {
                tx.require(ResourceKind.QUICK_CONNECT, id);
                if (offered.stream().anyMatch(ref -> ref.toId().equals(id))) {
                    throw ServiceError.invalidParameter("Quick connect " + id + " is already associated with queue " + request.queueId() + ".");
                }
            }
            if (offered.size() + ids.size() > MAX_QUICK_CONNECTS) {
                throw ServiceError.invalidParameter("A queue offers at most " + MAX_QUICK_CONNECTS + " quick connects; queue "
                        + request.queueId() + " has " + offered.size() + " and the request adds " + ids.size() + ".");
            }
            for (String id : ids) {
                tx.ref(ResourceKind.QUEUE, request.queueId(), Relations.QUICK_CONNECT, ResourceKind.QUICK_CONNECT, id);
            }
            return queue;
        });
        return AssociateQueueQuickConnectsResponse.builder().build();
    }

    public DisassociateQueueQuickConnectsResponse disassociateQuickConnects(Caller caller, DisassociateQueueQuickConnectsRequest request) {
        List<String> ids = Checks.distinct("QuickConnectIds", request.quickConnectIds(), 1, MAX_QUICK_CONNECTS);
        edit(caller, request.instanceId(), request.queueId(), null, (tx, queue) -> {
            List<RefRow> offered = tx.refsFrom(ResourceKind.QUEUE, request.queueId(), Relations.QUICK_CONNECT);
            for (String id : ids) {
                RefRow ref = offered.stream().filter(r -> r.toId().equals(id)).findFirst().orElseThrow(() ->
                        ServiceError.notFound("Quick connect " + id + " is not associated with queue " + request.queueId() + "."));
                tx.unref(ref);
            }
            return queue;
        });
        return DisassociateQueueQuickConnectsResponse.builder().build();
    }

    /** The quick connects a queue offers, in id order. */
    public ListQueueQuickConnectsResponse listQuickConnects(Caller caller, ListQueueQuickConnectsRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        return resources.read(instance, tx -> {
            ResourceRow row = tx.find(ResourceKind.QUEUE, request.queueId())
                    .orElseThrow(() -> InstanceResources.notFound(instance, ResourceKind.QUEUE, request.queueId()));
            var page = Pages.cursor("ListQueueQuickConnects@" + instance.id() + "/" + row.id(), request.maxResults(), 100,
                    request.nextToken()).slice(tx.refsFrom(ResourceKind.QUEUE, row.id(), Relations.QUICK_CONNECT).stream()
                    .map(RefRow::toId).toList(), id -> id);
            List<QuickConnectSummary> summaries = new ArrayList<>();
            for (String id : page.items()) {
                QuickConnect qc = decode(tx.find(ResourceKind.QUICK_CONNECT, id).orElseThrow(), QuickConnect.builder());
                summaries.add(QuickConnectSummary.builder().id(qc.quickConnectId()).arn(qc.quickConnectARN()).name(qc.name())
                        .quickConnectType(qc.quickConnectConfig().quickConnectType())
                        .lastModifiedTime(qc.lastModifiedTime()).lastModifiedRegion(qc.lastModifiedRegion()).build());
            }
            Queue queue = decode(row, Queue.builder());
            return ListQueueQuickConnectsResponse.builder().quickConnectSummaryList(summaries)
                    .nextToken(page.nextToken())
                    .lastModifiedTime(queue.lastModifiedTime()).lastModifiedRegion(queue.lastModifiedRegion()).build();
        });
    }

    /** Standard queues that match the criteria (QueueTypeCondition STANDARD or absent; agent queues are not searched). */
    public SearchQueuesResponse search(Caller caller, SearchQueuesRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.QUEUE,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS, CONDITIONS),
                request.maxResults(), request.nextToken(), 100);
        return SearchQueuesResponse.builder()
                .queues(found.page().rows().stream().map(row -> (Queue) decode(row, Queue.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }

    private void edit(Caller caller, String instanceRef, String queueId, String name, QueueEdit edit) {
        resources.revise(caller, instanceRef, ResourceKind.QUEUE, queueId, name, (tx, row) -> {
            Queue queue = decode(row, Queue.builder());
            return json(edit.apply(tx, queue.toBuilder()).lastModifiedTime(tx.now()).build());
        });
    }

    private static void maxContacts(Integer maxContacts) {
        if (maxContacts != null && maxContacts < 0) {
            throw ServiceError.invalidParameter("MaxContacts must not be negative; got " + maxContacts + ".");
        }
    }

    @FunctionalInterface
    private interface QueueEdit {
        Queue.Builder apply(InstanceResources.Tx tx, Queue.Builder queue) throws SQLException;
    }
}
