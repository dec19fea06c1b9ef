package dev.callgate.testing;

import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.ContactFlowType;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.HoursOfOperationDays;
import software.amazon.awssdk.services.connect.model.QueueSummary;
import software.amazon.awssdk.services.connect.model.QueueType;
import software.amazon.awssdk.services.connect.model.RoutingProfileQueueConfig;
import software.amazon.awssdk.services.connect.model.RoutingProfileSummary;
import software.amazon.awssdk.services.connect.model.SecurityProfileSummary;

/** Small helpers that create Connect resources through the real client, with valid defaults. */
public final class Fixtures {
    public static final String PASSWORD = "Passw0rd!x";

    private final ConnectClient connect;
    public final String instanceId;

    public Fixtures(ConnectClient connect, String instanceId) {
        this.connect = connect;
        this.instanceId = instanceId;
    }

    public static Fixtures newInstance(ConnectClient connect, String alias) {
        String id = connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED)
                .instanceAlias(alias).inboundCallsEnabled(true).outboundCallsEnabled(true)).id();
        return new Fixtures(connect, id);
    }

    public String basicQueue() {
        return connect.listQueues(r -> r.instanceId(instanceId).queueTypes(QueueType.STANDARD)).queueSummaryList().stream()
                .filter(q -> q.name().equals("BasicQueue")).map(QueueSummary::id).findFirst().orElseThrow();
    }

    public String basicRoutingProfile() {
        return connect.listRoutingProfiles(r -> r.instanceId(instanceId)).routingProfileSummaryList().stream()
                .filter(p -> p.name().equals("Basic Routing Profile")).map(RoutingProfileSummary::id).findFirst().orElseThrow();
    }

    public String securityProfile(String name) {
        return connect.listSecurityProfiles(r -> r.instanceId(instanceId)).securityProfileSummaryList().stream()
                .filter(p -> p.name().equals(name)).map(SecurityProfileSummary::id).findFirst().orElseThrow();
    }

    public String hours(String name) {
        return connect.createHoursOfOperation(r -> r.instanceId(instanceId).name(name).timeZone("Europe/Paris")
                .config(c -> c.day(HoursOfOperationDays.MONDAY).startTime(t -> t.hours(9).minutes(0)).endTime(t -> t.hours(17).minutes(0))))
                .hoursOfOperationId();
    }

    public String basicHours() {
        return connect.listHoursOfOperations(r -> r.instanceId(instanceId)).hoursOfOperationSummaryList().get(0).id();
    }

    public String queue(String name) {
        return connect.createQueue(r -> r.instanceId(instanceId).name(name).hoursOfOperationId(basicHours())).queueId();
    }

    public String routingProfile(String name, String queueId) {
        return connect.createRoutingProfile(r -> r.instanceId(instanceId).name(name).description(name)
                .defaultOutboundQueueId(queueId)
                .mediaConcurrencies(m -> m.channel(Channel.VOICE).concurrency(1))
                .queueConfigs(entry(queueId, Channel.VOICE))).routingProfileId();
    }

    public String user(String username) {
        return connect.createUser(r -> r.instanceId(instanceId).username(username).password(PASSWORD)
                .routingProfileId(basicRoutingProfile()).securityProfileIds(securityProfile("Agent"))).userId();
    }

    public String flow(String name) {
        return connect.createContactFlow(r -> r.instanceId(instanceId).name(name).type(ContactFlowType.CONTACT_FLOW)
                .content("{\"Version\":\"2019-10-30\",\"Actions\":[]}")).contactFlowId();
    }

    public static RoutingProfileQueueConfig entry(String queueId, Channel channel) {
        return RoutingProfileQueueConfig.builder().queueReference(q -> q.queueId(queueId).channel(channel)).priority(1).delay(0).build();
    }
}
