package dev.callgate.instance;

import dev.callgate.aws.SdkJson;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.connect.model.AgentStatus;
import software.amazon.awssdk.services.connect.model.AgentStatusState;
import software.amazon.awssdk.services.connect.model.AgentStatusType;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.HoursOfOperation;
import software.amazon.awssdk.services.connect.model.HoursOfOperationConfig;
import software.amazon.awssdk.services.connect.model.HoursOfOperationDays;
import software.amazon.awssdk.services.connect.model.HoursOfOperationTimeSlice;
import software.amazon.awssdk.services.connect.model.MediaConcurrency;
import software.amazon.awssdk.services.connect.model.PhoneType;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.QueueStatus;
import software.amazon.awssdk.services.connect.model.RoutingProfile;
import software.amazon.awssdk.services.connect.model.SecurityProfile;
import software.amazon.awssdk.services.connect.model.User;
import software.amazon.awssdk.services.connect.model.UserPhoneConfig;

/**
 * The resources Amazon Connect creates with every instance (limits.md §3): BasicQueue, Basic Routing
 * Profile, Basic Hours, four security profiles, two agent statuses and, for CONNECT_MANAGED
 * instances, an admin user with its agent queue. They count toward their quotas like any other.
 */
public final class DefaultResources {
    static final List<String> SECURITY_PROFILES = List.of("Admin", "Agent", "CallCenterManager", "QualityAnalyst");

    private final InstanceRow instance;
    private final Instant now;
    private final List<ResourceRow> rows = new ArrayList<>();
    private final List<RefRow> refs = new ArrayList<>();
    private final List<ScopeUsage> scopes = new ArrayList<>();

    private DefaultResources(InstanceRow instance) {
        this.instance = instance;
        this.now = Instant.ofEpochMilli(instance.createdAtMillis());
    }

    public static Defaults of(InstanceRow instance) {
        return new DefaultResources(instance).build();
    }

    /** The rows, references and usage of quotas counted inside default resources that an instance starts with. */
    public record Defaults(List<ResourceRow> rows, List<RefRow> refs, List<ScopeUsage> scopes) {
    }

    /** A quota counted in a scope inside the instance (a routing profile's), and its initial usage. */
    public record ScopeUsage(QuotaScope scope, Quota quota, long used) {
    }

    private Defaults build() {
        String hoursId = newId();
        add(ResourceKind.HOURS_OF_OPERATION, hoursId, "Basic Hours", HoursOfOperation.builder()
                .hoursOfOperationId(hoursId).hoursOfOperationArn(arn(ResourceKind.HOURS_OF_OPERATION, hoursId))
                .name("Basic Hours").description("Basic Hours").timeZone("UTC")
                .config(allWeek()).lastModifiedTime(now).lastModifiedRegion(instance.region()).build());
        String queueId = newId();
        add(ResourceKind.QUEUE, queueId, "BasicQueue", Queue.builder()
                .queueId(queueId).queueArn(arn(ResourceKind.QUEUE, queueId)).name("BasicQueue")
                .description("BasicQueue").hoursOfOperationId(hoursId).status(QueueStatus.ENABLED)
                .lastModifiedTime(now).lastModifiedRegion(instance.region()).build());
        ref(ResourceKind.QUEUE, queueId, Relations.HOURS, ResourceKind.HOURS_OF_OPERATION, hoursId);
        String profileId = newId();
        add(ResourceKind.ROUTING_PROFILE, profileId, "Basic Routing Profile", RoutingProfile.builder()
                .instanceId(instance.id()).routingProfileId(profileId).routingProfileArn(arn(ResourceKind.ROUTING_PROFILE, profileId))
                .name("Basic Routing Profile").description("Basic Routing Profile").defaultOutboundQueueId(queueId)
                .mediaConcurrencies(concurrency(Channel.VOICE, 1), concurrency(Channel.CHAT, 2), concurrency(Channel.TASK, 10))
                .isDefault(true).lastModifiedTime(now).lastModifiedRegion(instance.region()).build());
        // BasicQueue serves the Basic Routing Profile on voice and chat: two entries of its queue quota.
        ref(ResourceKind.ROUTING_PROFILE, profileId, Relations.DEFAULT_OUTBOUND_QUEUE, ResourceKind.QUEUE, queueId);
        List<Channel> basicChannels = List.of(Channel.VOICE, Channel.CHAT);
        for (Channel channel : basicChannels) {
            refs.add(new QueueEntry(queueId, channel.toString(), 1, 0).ref(instance.id(), profileId));
        }
        scopes.add(new ScopeUsage(QuotaScope.routingProfile(instance.id(), profileId), Quota.QUEUES_PER_ROUTING_PROFILE,
                basicChannels.size()));
        String adminProfileId = null;
        for (String name : SECURITY_PROFILES) {
            String id = newId();
            adminProfileId = adminProfileId == null ? id : adminProfileId;
            add(ResourceKind.SECURITY_PROFILE, id, name, SecurityProfile.builder()
                    .id(id).arn(arn(ResourceKind.SECURITY_PROFILE, id)).securityProfileName(name).description(name)
                    .lastModifiedTime(now).lastModifiedRegion(instance.region()).build());
        }
        agentStatus("Available", AgentStatusType.ROUTABLE, 1);
        agentStatus("Offline", AgentStatusType.OFFLINE, 2);
        if (DirectoryType.CONNECT_MANAGED.toString().equals(instance.identityManagementType())) {
            adminUser(profileId, adminProfileId);
        }
        return new Defaults(rows, refs, scopes);
    }

    private void adminUser(String routingProfileId, String securityProfileId) {
        String userId = newId();
        add(ResourceKind.USER, userId, "admin", User.builder()
                .id(userId).arn(arn(ResourceKind.USER, userId)).username("admin")
                .securityProfileIds(securityProfileId).routingProfileId(routingProfileId)
                .phoneConfig(UserPhoneConfig.builder().phoneType(PhoneType.SOFT_PHONE).autoAccept(false).afterContactWorkTimeLimit(0).build())
                .lastModifiedTime(now).lastModifiedRegion(instance.region()).build());
        ref(ResourceKind.USER, userId, Relations.ROUTING_PROFILE, ResourceKind.ROUTING_PROFILE, routingProfileId);
        ref(ResourceKind.USER, userId, Relations.SECURITY_PROFILE, ResourceKind.SECURITY_PROFILE, securityProfileId);
        // Every user has its own AGENT queue, which counts toward no quota.
        add(ResourceKind.AGENT_QUEUE, userId, null, Queue.builder()
                .queueId(userId).queueArn(arn(ResourceKind.AGENT_QUEUE, "agent/" + userId))
                .status(QueueStatus.ENABLED).lastModifiedTime(now).lastModifiedRegion(instance.region()).build());
    }

    private void agentStatus(String name, AgentStatusType type, int order) {
        String id = newId();
        add(ResourceKind.AGENT_STATUS, id, name, AgentStatus.builder()
                .agentStatusId(id).agentStatusARN(arn(ResourceKind.AGENT_STATUS, id)).name(name).description(name)
                .type(type).state(AgentStatusState.ENABLED).displayOrder(order)
                .lastModifiedTime(now).lastModifiedRegion(instance.region()).build());
    }

    private void add(ResourceKind kind, String id, String name, SdkPojo description) {
        rows.add(new ResourceRow(instance.id(), kind.name(), id, name, SdkJson.encodeToString(description), instance.createdAtMillis()));
    }

    private void ref(ResourceKind from, String fromId, String relation, ResourceKind to, String toId) {
        refs.add(new RefRow(instance.id(), from.name(), fromId, relation, to.name(), toId, null));
    }

    private String arn(ResourceKind kind, String id) {
        return Arns.resource(instance, kind, id);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static MediaConcurrency concurrency(Channel channel, int concurrency) {
        return MediaConcurrency.builder().channel(channel).concurrency(concurrency).build();
    }

    private static List<HoursOfOperationConfig> allWeek() {
        List<HoursOfOperationConfig> days = new ArrayList<>();
        HoursOfOperationTimeSlice midnight = HoursOfOperationTimeSlice.builder().hours(0).minutes(0).build();
        for (HoursOfOperationDays day : HoursOfOperationDays.knownValues()) {
            days.add(HoursOfOperationConfig.builder().day(day).startTime(midnight).endTime(midnight).build());
        }
        return days;
    }
}
