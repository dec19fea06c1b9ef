package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateQueueRequest;
import software.amazon.awssdk.services.connect.model.CreateQueueResponse;
import software.amazon.awssdk.services.connect.model.DeleteQueueRequest;
import software.amazon.awssdk.services.connect.model.DeleteQueueResponse;
import software.amazon.awssdk.services.connect.model.DescribeQueueRequest;
import software.amazon.awssdk.services.connect.model.DescribeQueueResponse;
import software.amazon.awssdk.services.connect.model.ListQueuesRequest;
import software.amazon.awssdk.services.connect.model.ListQueuesResponse;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.QueueStatus;
import software.amazon.awssdk.services.connect.model.QueueSummary;
import software.amazon.awssdk.services.connect.model.QueueType;

/**
 * Standard queues (quota "Queues per instance") and the per-agent queues every user has, which count
 * toward no quota. A queue that a routing profile or a quick connect uses cannot be deleted.
 */
public final class QueueService implements OperationFamily<ConnectRequest, ConnectResponse> {
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
    }

    public CreateQueueResponse create(Caller caller, CreateQueueRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.length("Description", request.description(), 250);
        if (request.maxContacts() != null && request.maxContacts() < 0) {
            throw ServiceError.invalidParameter("MaxContacts must not be negative; got " + request.maxContacts() + ".");
        }
        List<String> quickConnects = Checks.distinct("QuickConnectIds", request.quickConnectIds(), 0, 50);
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
}
