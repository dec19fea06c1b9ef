package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.TestEditions;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.AgentAvailabilityTimer;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.ContactFlow;
import software.amazon.awssdk.services.connect.model.ContactFlowState;
import software.amazon.awssdk.services.connect.model.DuplicateResourceException;
import software.amazon.awssdk.services.connect.model.HoursOfOperation;
import software.amazon.awssdk.services.connect.model.HoursOfOperationDays;
import software.amazon.awssdk.services.connect.model.InvalidContactFlowException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.PhoneType;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.QueueStatus;
import software.amazon.awssdk.services.connect.model.QuickConnectSummary;
import software.amazon.awssdk.services.connect.model.QuickConnectType;
import software.amazon.awssdk.services.connect.model.ResourceInUseException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.RoutingProfile;
import software.amazon.awssdk.services.connect.model.User;

/** The Update* operations of the resource families, and the queue's quick connects, through the Java SDK. */
class UpdateAcceptanceTest extends ServerSuite {
    private Fixtures fx;

    @Override
    protected UnaryOperator<Settings> settings() {
        return TestEditions.current("update-tests", TestEditions.SMALL);
    }

    @BeforeEach
    void newInstance() {
        fx = Fixtures.newInstance(connect, "updates");
    }

    @Test
    void hoursOfOperationTakeConnectsTimeZoneNamesAndChangeInPlace() {
        connect.createHoursOfOperation(r -> r.instanceId(fx.instanceId).name("Hours EST").timeZone("EST")
                .config(c -> c.day(HoursOfOperationDays.MONDAY).startTime(t -> t.hours(9).minutes(0)).endTime(t -> t.hours(17).minutes(0))));
        String id = fx.hours("Office");
        for (String zone : new String[] {"MST", "HST", "US/Eastern", "America/New_York"}) {
            connect.updateHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(id).timeZone(zone));
            assertThat(connect.describeHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(id)).hoursOfOperation().timeZone())
                    .isEqualTo(zone);
        }
        connect.updateHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(id).name("Office EMEA").timeZone("HST")
                .config(c -> c.day(HoursOfOperationDays.FRIDAY).startTime(t -> t.hours(8).minutes(30)).endTime(t -> t.hours(12).minutes(0))));
        HoursOfOperation hours = connect.describeHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(id)).hoursOfOperation();
        assertThat(hours.name()).isEqualTo("Office EMEA");
        assertThat(hours.timeZone()).isEqualTo("HST");
        assertThat(hours.config()).singleElement().satisfies(day -> assertThat(day.day()).isEqualTo(HoursOfOperationDays.FRIDAY));

        assertThatThrownBy(() -> connect.updateHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(id).timeZone("Mars/Base")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Mars/Base");
        assertThatThrownBy(() -> connect.updateHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(id).name("Hours EST")))
                .isInstanceOf(DuplicateResourceException.class).hasMessageContaining("Hours EST");
        assertThatThrownBy(() -> connect.updateHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId("nope").name("x")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void queuesChangeNameHoursMaxContactsCallerIdStatusAndQuickConnects() {
        String queue = fx.queue("Sales");
        String hours = fx.hours("Late");
        String flow = fx.flow("Outbound");
        connect.updateQueueName(r -> r.instanceId(fx.instanceId).queueId(queue).name("Sales EMEA").description("EMEA"));
        connect.updateQueueHoursOfOperation(r -> r.instanceId(fx.instanceId).queueId(queue).hoursOfOperationId(hours));
        connect.updateQueueMaxContacts(r -> r.instanceId(fx.instanceId).queueId(queue).maxContacts(7));
        connect.updateQueueOutboundCallerConfig(r -> r.instanceId(fx.instanceId).queueId(queue)
                .outboundCallerConfig(o -> o.outboundCallerIdName("Sales").outboundFlowId(flow)));
        connect.updateQueueStatus(r -> r.instanceId(fx.instanceId).queueId(queue).status(QueueStatus.DISABLED));
        Queue described = connect.describeQueue(r -> r.instanceId(fx.instanceId).queueId(queue)).queue();
        assertThat(described.name()).isEqualTo("Sales EMEA");
        assertThat(described.description()).isEqualTo("EMEA");
        assertThat(described.hoursOfOperationId()).isEqualTo(hours);
        assertThat(described.maxContacts()).isEqualTo(7);
        assertThat(described.outboundCallerConfig().outboundFlowId()).isEqualTo(flow);
        assertThat(described.status()).isEqualTo(QueueStatus.DISABLED);
        assertThatThrownBy(() -> connect.deleteHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(hours)))
                .isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> connect.updateQueueMaxContacts(r -> r.instanceId(fx.instanceId).queueId(queue).maxContacts(-1)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> connect.updateQueueHoursOfOperation(r -> r.instanceId(fx.instanceId).queueId(queue).hoursOfOperationId("nope")))
                .isInstanceOf(ResourceNotFoundException.class);

        String phone = connect.createQuickConnect(r -> r.instanceId(fx.instanceId).name("HQ")
                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.PHONE_NUMBER).phoneConfig(p -> p.phoneNumber("+12065550100"))))
                .quickConnectId();
        connect.associateQueueQuickConnects(r -> r.instanceId(fx.instanceId).queueId(queue).quickConnectIds(phone));
        assertThat(connect.listQueueQuickConnects(r -> r.instanceId(fx.instanceId).queueId(queue)).quickConnectSummaryList())
                .extracting(QuickConnectSummary::id).containsExactly(phone);
        assertThatThrownBy(() -> connect.associateQueueQuickConnects(r -> r.instanceId(fx.instanceId).queueId(queue).quickConnectIds(phone)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("already associated");
        connect.disassociateQueueQuickConnects(r -> r.instanceId(fx.instanceId).queueId(queue).quickConnectIds(phone));
        assertThat(connect.listQueueQuickConnects(r -> r.instanceId(fx.instanceId).queueId(queue)).quickConnectSummaryList()).isEmpty();
        assertThatThrownBy(() -> connect.disassociateQueueQuickConnects(r -> r.instanceId(fx.instanceId).queueId(queue).quickConnectIds(phone)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void quickConnectsChangeNameAndTarget() {
        String queue = fx.queue("Support");
        String flow = fx.flow("Transfer");
        String id = connect.createQuickConnect(r -> r.instanceId(fx.instanceId).name("HQ")
                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.PHONE_NUMBER).phoneConfig(p -> p.phoneNumber("+12065550100"))))
                .quickConnectId();
        connect.updateQuickConnectName(r -> r.instanceId(fx.instanceId).quickConnectId(id).name("Support line").description("to support"));
        connect.updateQuickConnectConfig(r -> r.instanceId(fx.instanceId).quickConnectId(id).quickConnectConfig(c -> c
                .quickConnectType(QuickConnectType.QUEUE).queueConfig(q -> q.queueId(queue).contactFlowId(flow))));
        var described = connect.describeQuickConnect(r -> r.instanceId(fx.instanceId).quickConnectId(id)).quickConnect();
        assertThat(described.name()).isEqualTo("Support line");
        assertThat(described.quickConnectConfig().queueConfig().queueId()).isEqualTo(queue);
        assertThatThrownBy(() -> connect.deleteQueue(r -> r.instanceId(fx.instanceId).queueId(queue)))
                .isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> connect.updateQuickConnectConfig(r -> r.instanceId(fx.instanceId).quickConnectId(id).quickConnectConfig(c -> c
                .quickConnectType(QuickConnectType.PHONE_NUMBER).phoneConfig(p -> p.phoneNumber("12345")))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("PhoneNumber '12345' does not match the pattern");
    }

    @Test
    void routingProfilesChangeNameConcurrencyDefaultQueueAndTimer() {
        String sales = fx.queue("Sales");
        String support = fx.queue("Support");
        String id = fx.routingProfile("Agents", sales);
        connect.associateRoutingProfileQueues(r -> r.instanceId(fx.instanceId).routingProfileId(id)
                .queueConfigs(Fixtures.entry(support, Channel.VOICE)));
        connect.updateRoutingProfileName(r -> r.instanceId(fx.instanceId).routingProfileId(id).name("Sales agents"));
        connect.updateRoutingProfileConcurrency(r -> r.instanceId(fx.instanceId).routingProfileId(id)
                .mediaConcurrencies(m -> m.channel(Channel.VOICE).concurrency(1), m -> m.channel(Channel.CHAT).concurrency(4)));
        connect.updateRoutingProfileDefaultOutboundQueue(r -> r.instanceId(fx.instanceId).routingProfileId(id).defaultOutboundQueueId(support));
        connect.updateRoutingProfileAgentAvailabilityTimer(r -> r.instanceId(fx.instanceId).routingProfileId(id)
                .agentAvailabilityTimer(AgentAvailabilityTimer.TIME_SINCE_LAST_INBOUND));
        RoutingProfile profile = connect.describeRoutingProfile(r -> r.instanceId(fx.instanceId).routingProfileId(id)).routingProfile();
        assertThat(profile.name()).isEqualTo("Sales agents");
        assertThat(profile.mediaConcurrencies()).hasSize(2);
        assertThat(profile.defaultOutboundQueueId()).isEqualTo(support);
        assertThat(profile.agentAvailabilityTimer()).isEqualTo(AgentAvailabilityTimer.TIME_SINCE_LAST_INBOUND);

        String other = fx.queue("Other");
        assertThatThrownBy(() -> connect.updateRoutingProfileDefaultOutboundQueue(r -> r.instanceId(fx.instanceId).routingProfileId(id)
                .defaultOutboundQueueId(other))).isInstanceOf(InvalidParameterException.class).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> connect.updateRoutingProfileConcurrency(r -> r.instanceId(fx.instanceId).routingProfileId(id)
                .mediaConcurrencies(m -> m.channel(Channel.VOICE).concurrency(2)))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> connect.updateRoutingProfileName(r -> r.instanceId(fx.instanceId).routingProfileId(id)
                .name("Basic Routing Profile"))).isInstanceOf(DuplicateResourceException.class);
    }

    @Test
    void securityProfilesKeepTheirPermissionsPageByPage() {
        String id = connect.createSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileName("Supervisor")
                .permissions("BasicAgentAccess", "OutboundCallAccess", "ListenCallRecordings")).securityProfileId();
        var first = connect.listSecurityProfilePermissions(r -> r.instanceId(fx.instanceId).securityProfileId(id).maxResults(2));
        assertThat(first.permissions()).containsExactly("BasicAgentAccess", "OutboundCallAccess");
        var second = connect.listSecurityProfilePermissions(r -> r.instanceId(fx.instanceId).securityProfileId(id).nextToken(first.nextToken()));
        assertThat(second.permissions()).containsExactly("ListenCallRecordings");
        assertThat(second.nextToken()).isNull();

        connect.updateSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileId(id).description("Leads").permissions("BasicAgentAccess"));
        assertThat(connect.listSecurityProfilePermissions(r -> r.instanceId(fx.instanceId).securityProfileId(id)).permissions())
                .containsExactly("BasicAgentAccess");
        assertThat(connect.describeSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileId(id)).securityProfile().description())
                .isEqualTo("Leads");
        assertThatThrownBy(() -> connect.updateSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileId(id)
                .permissions("A", "A"))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> connect.listSecurityProfilePermissions(r -> r.instanceId(fx.instanceId).securityProfileId("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void usersChangeIdentityAndPhone() {
        String id = fx.user("alice");
        connect.updateUserIdentityInfo(r -> r.instanceId(fx.instanceId).userId(id).identityInfo(i -> i.firstName("Alice").lastName("Smith")));
        connect.updateUserPhoneConfig(r -> r.instanceId(fx.instanceId).userId(id).phoneConfig(p -> p.phoneType(PhoneType.DESK_PHONE)
                .deskPhoneNumber("+12065550123").autoAccept(true).afterContactWorkTimeLimit(30)));
        User user = connect.describeUser(r -> r.instanceId(fx.instanceId).userId(id)).user();
        assertThat(user.identityInfo().lastName()).isEqualTo("Smith");
        assertThat(user.phoneConfig().phoneType()).isEqualTo(PhoneType.DESK_PHONE);
        assertThat(user.phoneConfig().afterContactWorkTimeLimit()).isEqualTo(30);
        assertThatThrownBy(() -> connect.updateUserPhoneConfig(r -> r.instanceId(fx.instanceId).userId(id)
                .phoneConfig(p -> p.phoneType(PhoneType.SOFT_PHONE).afterContactWorkTimeLimit(-5)))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> connect.updateUserIdentityInfo(r -> r.instanceId(fx.instanceId).userId("nope")
                .identityInfo(i -> i.firstName("x")))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void contactFlowsChangeContentNameAndState() {
        String id = fx.flow("Inbound");
        String content = "{\"Version\":\"2019-10-30\",\"StartAction\":\"x\",\"Actions\":[]}";
        connect.updateContactFlowContent(r -> r.instanceId(fx.instanceId).contactFlowId(id).content(content));
        connect.updateContactFlowName(r -> r.instanceId(fx.instanceId).contactFlowId(id).name("Inbound v2").description("second"));
        connect.updateContactFlowMetadata(r -> r.instanceId(fx.instanceId).contactFlowId(id).contactFlowState(ContactFlowState.ARCHIVED));
        ContactFlow flow = connect.describeContactFlow(r -> r.instanceId(fx.instanceId).contactFlowId(id)).contactFlow();
        assertThat(flow.content()).isEqualTo(content);
        assertThat(flow.name()).isEqualTo("Inbound v2");
        assertThat(flow.state()).isEqualTo(ContactFlowState.ARCHIVED);
        assertThatThrownBy(() -> connect.updateContactFlowContent(r -> r.instanceId(fx.instanceId).contactFlowId(id).content("[1]")))
                .isInstanceOf(InvalidContactFlowException.class);
        fx.flow("Other");
        assertThatThrownBy(() -> connect.updateContactFlowName(r -> r.instanceId(fx.instanceId).contactFlowId(id).name("Other")))
                .isInstanceOf(DuplicateResourceException.class);
    }
}
