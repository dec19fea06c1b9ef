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
import dev.callgate.instance.QueueEntry;
import dev.callgate.instance.RefRow;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.connect.model.AgentAvailabilityTimer;
import software.amazon.awssdk.services.connect.model.AssociateRoutingProfileQueuesRequest;
import software.amazon.awssdk.services.connect.model.AssociateRoutingProfileQueuesResponse;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateRoutingProfileRequest;
import software.amazon.awssdk.services.connect.model.CreateRoutingProfileResponse;
import software.amazon.awssdk.services.connect.model.DeleteRoutingProfileRequest;
import software.amazon.awssdk.services.connect.model.DeleteRoutingProfileResponse;
import software.amazon.awssdk.services.connect.model.DescribeRoutingProfileRequest;
import software.amazon.awssdk.services.connect.model.DescribeRoutingProfileResponse;
import software.amazon.awssdk.services.connect.model.DisassociateRoutingProfileQueuesRequest;
import software.amazon.awssdk.services.connect.model.DisassociateRoutingProfileQueuesResponse;
import software.amazon.awssdk.services.connect.model.ListRoutingProfileQueuesRequest;
import software.amazon.awssdk.services.connect.model.ListRoutingProfileQueuesResponse;
import software.amazon.awssdk.services.connect.model.ListRoutingProfilesRequest;
import software.amazon.awssdk.services.connect.model.ListRoutingProfilesResponse;
import software.amazon.awssdk.services.connect.model.MediaConcurrency;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.RoutingProfile;
import software.amazon.awssdk.services.connect.model.RoutingProfileQueueConfig;
import software.amazon.awssdk.services.connect.model.RoutingProfileQueueConfigSummary;
import software.amazon.awssdk.services.connect.model.RoutingProfileQueueReference;
import software.amazon.awssdk.services.connect.model.RoutingProfileSummary;
import software.amazon.awssdk.services.connect.model.SearchRoutingProfilesRequest;
import software.amazon.awssdk.services.connect.model.SearchRoutingProfilesResponse;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileAgentAvailabilityTimerRequest;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileAgentAvailabilityTimerResponse;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileConcurrencyRequest;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileConcurrencyResponse;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileDefaultOutboundQueueRequest;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileDefaultOutboundQueueResponse;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileNameRequest;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileNameResponse;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileQueuesRequest;
import software.amazon.awssdk.services.connect.model.UpdateRoutingProfileQueuesResponse;

/**
 * Routing profiles (quota "Routing profiles per instance") and the operations on their queue entries,
 * which {@link RoutingProfileQueues} keeps and counts. The default outbound queue must be one of the
 * profile's queues; a profile that users have cannot be deleted.
 */
public final class RoutingProfileService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final int DEFAULT_PAGE = 100;
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "description", "Description",
            "resourceId", "RoutingProfileId");

    private final InstanceResources resources;

    public RoutingProfileService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateRoutingProfileRequest.class, this::create);
        handlers.on(DescribeRoutingProfileRequest.class, this::describe);
        handlers.on(ListRoutingProfilesRequest.class, this::list);
        handlers.on(DeleteRoutingProfileRequest.class, this::delete);
        handlers.on(AssociateRoutingProfileQueuesRequest.class, this::associate);
        handlers.on(DisassociateRoutingProfileQueuesRequest.class, this::disassociate);
        handlers.on(UpdateRoutingProfileQueuesRequest.class, this::update);
        handlers.on(ListRoutingProfileQueuesRequest.class, this::listQueues);
        handlers.on(UpdateRoutingProfileNameRequest.class, this::updateName);
        handlers.on(UpdateRoutingProfileConcurrencyRequest.class, this::updateConcurrency);
        handlers.on(UpdateRoutingProfileDefaultOutboundQueueRequest.class, this::updateDefaultOutboundQueue);
        handlers.on(UpdateRoutingProfileAgentAvailabilityTimerRequest.class, this::updateAgentAvailabilityTimer);
        handlers.on(SearchRoutingProfilesRequest.class, this::search);
    }

    public CreateRoutingProfileResponse create(Caller caller, CreateRoutingProfileRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.name("Description", request.description(), 250);
        mediaConcurrencies(request.mediaConcurrencies());
        noManualAssignment(request.hasManualAssignmentQueueConfigs() && !request.manualAssignmentQueueConfigs().isEmpty());
        List<QueueEntry> entries = entries(request.queueConfigs());
        if (entries.stream().noneMatch(e -> e.queueId().equals(request.defaultOutboundQueueId()))) {
            throw ServiceError.invalidParameter("DefaultOutboundQueueId " + request.defaultOutboundQueueId()
                    + " must be one of the routing profile's queues (QueueConfigs).");
        }
        InstanceRow instance = resources.instance(caller, request.instanceId());
        var draft = resources.create(instance, ResourceKind.ROUTING_PROFILE, request.name(), (tx, d) -> {
            RoutingProfileQueues.requireQueues(tx, entries);
            tx.ref(ResourceKind.ROUTING_PROFILE, d.id(), Relations.DEFAULT_OUTBOUND_QUEUE, ResourceKind.QUEUE,
                    request.defaultOutboundQueueId());
            return json(RoutingProfile.builder()
                    .instanceId(d.instance().id()).routingProfileId(d.id()).routingProfileArn(d.arn())
                    .name(request.name()).description(request.description())
                    .mediaConcurrencies(request.mediaConcurrencies()).defaultOutboundQueueId(request.defaultOutboundQueueId())
                    .agentAvailabilityTimer(request.agentAvailabilityTimer()).isDefault(false)
                    .tags(Checks.tags(request.tags(), request.hasTags()))
                    .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build());
        }, (tx, d) -> RoutingProfileQueues.open(tx, d.id(), entries));
        return CreateRoutingProfileResponse.builder().routingProfileId(draft.id()).routingProfileArn(draft.arn()).build();
    }

    /** The profile with its live counts: queue entries, distinct queues, users. */
    public DescribeRoutingProfileResponse describe(Caller caller, DescribeRoutingProfileRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        RoutingProfile profile = resources.read(instance, tx -> {
            ResourceRow row = tx.find(ResourceKind.ROUTING_PROFILE, request.routingProfileId())
                    .orElseThrow(() -> InstanceResources.notFound(instance, ResourceKind.ROUTING_PROFILE, request.routingProfileId()));
            List<QueueEntry> entries = RoutingProfileQueues.list(tx, row.id());
            Set<String> queues = new LinkedHashSet<>();
            entries.forEach(e -> queues.add(e.queueId()));
            RoutingProfile stored = decode(row, RoutingProfile.builder());
            return stored.toBuilder()
                    .numberOfAssociatedQueues((long) entries.size())
                    .associatedQueueIds(List.copyOf(queues))
                    .numberOfAssociatedUsers((long) tx.countRefsTo(ResourceKind.ROUTING_PROFILE, row.id(), ResourceKind.USER))
                    .build();
        });
        return DescribeRoutingProfileResponse.builder().routingProfile(profile).build();
    }

    public ListRoutingProfilesResponse list(Caller caller, ListRoutingProfilesRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.ROUTING_PROFILE),
                request.maxResults(), request.nextToken(), 100);
        return ListRoutingProfilesResponse.builder()
                .routingProfileSummaryList(page.rows().stream().map(row -> {
                    RoutingProfile profile = decode(row, RoutingProfile.builder());
                    return RoutingProfileSummary.builder().id(profile.routingProfileId()).arn(profile.routingProfileArn())
                            .name(profile.name()).lastModifiedTime(profile.lastModifiedTime())
                            .lastModifiedRegion(profile.lastModifiedRegion()).build();
                }).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteRoutingProfileResponse delete(Caller caller, DeleteRoutingProfileRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.ROUTING_PROFILE, request.routingProfileId(),
                (tx, row) -> RoutingProfileQueues.drop(tx, row.id()));
        return DeleteRoutingProfileResponse.builder().build();
    }

    public AssociateRoutingProfileQueuesResponse associate(Caller caller, AssociateRoutingProfileQueuesRequest request) {
        noManualAssignment(request.hasManualAssignmentQueueConfigs() && !request.manualAssignmentQueueConfigs().isEmpty());
        List<QueueEntry> entries = entries(request.queueConfigs());
        if (entries.isEmpty()) {
            throw ServiceError.invalidParameter("QueueConfigs must hold at least one queue entry.");
        }
        resources.inTransaction(resources.instance(caller, request.instanceId()), tx -> {
            ResourceRow profile = tx.require(ResourceKind.ROUTING_PROFILE, request.routingProfileId());
            RoutingProfileQueues.add(tx, profile.id(), entries);
            return null;
        });
        return AssociateRoutingProfileQueuesResponse.builder().build();
    }

    public DisassociateRoutingProfileQueuesResponse disassociate(Caller caller, DisassociateRoutingProfileQueuesRequest request) {
        noManualAssignment(request.hasManualAssignmentQueueReferences() && !request.manualAssignmentQueueReferences().isEmpty());
        List<QueueEntry> removed = new ArrayList<>();
        for (RoutingProfileQueueReference ref : request.hasQueueReferences() ? request.queueReferences() : List.<RoutingProfileQueueReference>of()) {
            Checks.known("QueueReference.Channel", ref.channel(), ref.channelAsString());
            removed.add(new QueueEntry(ref.queueId(), ref.channelAsString(), 0, 0));
        }
        resources.inTransaction(resources.instance(caller, request.instanceId()), tx -> {
            ResourceRow row = tx.require(ResourceKind.ROUTING_PROFILE, request.routingProfileId());
            RoutingProfileQueues.remove(tx, row.id(), removed);
            String outbound = ((RoutingProfile) decode(row, RoutingProfile.builder())).defaultOutboundQueueId();
            if (RoutingProfileQueues.list(tx, row.id()).stream().noneMatch(e -> e.queueId().equals(outbound))) {
                throw ServiceError.invalidParameter("Queue " + outbound + " is the routing profile's default outbound queue:"
                        + " it must stay associated on at least one channel.");
            }
            return null;
        });
        return DisassociateRoutingProfileQueuesResponse.builder().build();
    }

    /** Changes the priority and delay of entries the profile already has. */
    public UpdateRoutingProfileQueuesResponse update(Caller caller, UpdateRoutingProfileQueuesRequest request) {
        List<QueueEntry> entries = entries(request.queueConfigs());
        resources.inTransaction(resources.instance(caller, request.instanceId()), tx -> {
            ResourceRow row = tx.require(ResourceKind.ROUTING_PROFILE, request.routingProfileId());
            RoutingProfileQueues.update(tx, row.id(), entries);
            return null;
        });
        return UpdateRoutingProfileQueuesResponse.builder().build();
    }

    /** The profile's queue entries in (queue id, channel) order, with each queue's name and ARN. */
    public ListRoutingProfileQueuesResponse listQueues(Caller caller, ListRoutingProfileQueuesRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        return resources.read(instance, tx -> {
            ResourceRow row = tx.find(ResourceKind.ROUTING_PROFILE, request.routingProfileId())
                    .orElseThrow(() -> InstanceResources.notFound(instance, ResourceKind.ROUTING_PROFILE, request.routingProfileId()));
            var page = Pages.cursor("ListRoutingProfileQueues@" + instance.id() + "/" + row.id(), request.maxResults(), DEFAULT_PAGE,
                    request.nextToken()).slice(RoutingProfileQueues.list(tx, row.id()), QueueEntry::key);
            List<RoutingProfileQueueConfigSummary> summaries = new ArrayList<>();
            for (QueueEntry entry : page.items()) {
                Queue queue = decode(tx.find(ResourceKind.QUEUE, entry.queueId()).orElseThrow(), Queue.builder());
                summaries.add(RoutingProfileQueueConfigSummary.builder()
                        .queueId(queue.queueId()).queueArn(queue.queueArn()).queueName(queue.name())
                        .priority(entry.priority()).delay(entry.delay()).channel(entry.channel()).build());
            }
            RoutingProfile profile = decode(row, RoutingProfile.builder());
            return ListRoutingProfileQueuesResponse.builder()
                    .routingProfileQueueConfigSummaryList(summaries)
                    .nextToken(page.nextToken())
                    .lastModifiedTime(profile.lastModifiedTime()).lastModifiedRegion(profile.lastModifiedRegion())
                    .build();
        });
    }

    public UpdateRoutingProfileNameResponse updateName(Caller caller, UpdateRoutingProfileNameRequest request) {
        if (request.name() == null && request.description() == null) {
            throw ServiceError.invalidParameter("Give a Name, a Description or both.");
        }
        if (request.name() != null) {
            Checks.name("Name", request.name(), 127);
        }
        Checks.length("Description", request.description(), 250);
        edit(caller, request.instanceId(), request.routingProfileId(), request.name(), (tx, profile) -> {
            if (request.name() != null) {
                profile.name(request.name());
            }
            return request.description() == null ? profile : profile.description(request.description());
        });
        return UpdateRoutingProfileNameResponse.builder().build();
    }

    public UpdateRoutingProfileConcurrencyResponse updateConcurrency(Caller caller, UpdateRoutingProfileConcurrencyRequest request) {
        mediaConcurrencies(request.mediaConcurrencies());
        edit(caller, request.instanceId(), request.routingProfileId(), null,
                (tx, profile) -> profile.mediaConcurrencies(request.mediaConcurrencies()));
        return UpdateRoutingProfileConcurrencyResponse.builder().build();
    }

    /** The default outbound queue must be one of the profile's queues, as at creation. */
    public UpdateRoutingProfileDefaultOutboundQueueResponse updateDefaultOutboundQueue(Caller caller,
            UpdateRoutingProfileDefaultOutboundQueueRequest request) {
        String queueId = request.defaultOutboundQueueId();
        edit(caller, request.instanceId(), request.routingProfileId(), null, (tx, profile) -> {
            String id = request.routingProfileId();
            tx.require(ResourceKind.QUEUE, queueId);
            if (RoutingProfileQueues.list(tx, id).stream().noneMatch(entry -> entry.queueId().equals(queueId))) {
                throw ServiceError.invalidParameter("DefaultOutboundQueueId " + queueId + " must be one of routing profile " + id + "'s queues.");
            }
            for (RefRow ref : tx.refsFrom(ResourceKind.ROUTING_PROFILE, id, Relations.DEFAULT_OUTBOUND_QUEUE)) {
                tx.unref(ref);
            }
            tx.ref(ResourceKind.ROUTING_PROFILE, id, Relations.DEFAULT_OUTBOUND_QUEUE, ResourceKind.QUEUE, queueId);
            return profile.defaultOutboundQueueId(queueId);
        });
        return UpdateRoutingProfileDefaultOutboundQueueResponse.builder().build();
    }

    public UpdateRoutingProfileAgentAvailabilityTimerResponse updateAgentAvailabilityTimer(Caller caller,
            UpdateRoutingProfileAgentAvailabilityTimerRequest request) {
        AgentAvailabilityTimer timer = Checks.known("AgentAvailabilityTimer", request.agentAvailabilityTimer(),
                request.agentAvailabilityTimerAsString());
        edit(caller, request.instanceId(), request.routingProfileId(), null, (tx, profile) -> profile.agentAvailabilityTimer(timer));
        return UpdateRoutingProfileAgentAvailabilityTimerResponse.builder().build();
    }

    /** Profiles that match, with their live counts as DescribeRoutingProfile gives them. */
    public SearchRoutingProfilesResponse search(Caller caller, SearchRoutingProfilesRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.ROUTING_PROFILE,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS),
                request.maxResults(), request.nextToken(), 100);
        return SearchRoutingProfilesResponse.builder()
                .routingProfiles(found.page().rows().stream().map(row -> describe(caller, DescribeRoutingProfileRequest.builder()
                        .instanceId(request.instanceId()).routingProfileId(row.id()).build()).routingProfile()).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }

    private void edit(Caller caller, String instanceRef, String profileId, String name, ProfileEdit edit) {
        resources.revise(caller, instanceRef, ResourceKind.ROUTING_PROFILE, profileId, name, (tx, row) -> {
            RoutingProfile profile = decode(row, RoutingProfile.builder());
            return json(edit.apply(tx, profile.toBuilder()).lastModifiedTime(tx.now()).build());
        });
    }

    @FunctionalInterface
    private interface ProfileEdit {
        RoutingProfile.Builder apply(InstanceResources.Tx tx, RoutingProfile.Builder profile) throws SQLException;
    }

    /** Validated queue entries, refusing a queue and channel named twice. */
    private static List<QueueEntry> entries(List<RoutingProfileQueueConfig> configs) {
        List<RoutingProfileQueueConfig> entries = configs == null ? List.of() : configs;
        Set<String> seen = new HashSet<>();
        for (RoutingProfileQueueConfig entry : entries) {
            RoutingProfileQueueReference ref = entry.queueReference();
            Checks.known("QueueReference.Channel", ref.channel(), ref.channelAsString());
            Checks.range("Priority", entry.priority(), 1, 99);
            Checks.range("Delay", entry.delay(), 0, 9999);
            if (!seen.add(ref.queueId() + "/" + ref.channelAsString())) {
                throw ServiceError.invalidParameter("QueueConfigs names queue " + ref.queueId() + " on channel "
                        + ref.channelAsString() + " more than once.");
            }
        }
        return entries.stream().map(RoutingProfileQueues::entry).toList();
    }

    private static void mediaConcurrencies(List<MediaConcurrency> concurrencies) {
        if (concurrencies.isEmpty()) {
            throw ServiceError.invalidParameter("MediaConcurrencies must hold at least one channel.");
        }
        Set<Channel> seen = new HashSet<>();
        for (MediaConcurrency concurrency : concurrencies) {
            Channel channel = Checks.known("MediaConcurrencies.Channel", concurrency.channel(), concurrency.channelAsString());
            if (!seen.add(channel)) {
                throw ServiceError.invalidParameter("MediaConcurrencies names channel " + channel + " more than once.");
            }
            Checks.range("MediaConcurrencies.Concurrency (" + channel + ")", concurrency.concurrency(), 1, channel == Channel.VOICE ? 1 : 10);
        }
    }

    private static void noManualAssignment(boolean given) {
        if (given) {
            throw ServiceError.invalidRequest("Manual assignment queues are not supported by Callgate yet.");
        }
    }
}
