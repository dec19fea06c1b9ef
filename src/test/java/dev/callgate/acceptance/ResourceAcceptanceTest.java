package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.Race;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import dev.callgate.testing.TestEditions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.AgentStatusState;
import software.amazon.awssdk.services.connect.model.AgentStatusType;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.ContactFlowType;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.DuplicateResourceException;
import software.amazon.awssdk.services.connect.model.HierarchyGroup;
import software.amazon.awssdk.services.connect.model.InvalidContactFlowException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.LexVersion;
import software.amazon.awssdk.services.connect.model.LimitExceededException;
import software.amazon.awssdk.services.connect.model.QueueSummary;
import software.amazon.awssdk.services.connect.model.QueueType;
import software.amazon.awssdk.services.connect.model.QuickConnectType;
import software.amazon.awssdk.services.connect.model.ResourceConflictException;
import software.amazon.awssdk.services.connect.model.ResourceInUseException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.RoutingProfile;
import software.amazon.awssdk.services.connect.model.RoutingProfileQueueConfigSummary;
import software.amazon.awssdk.services.connect.model.User;

/** The resources inside an instance through the real ConnectClient (limits.md §3), on each store. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class ResourceAcceptanceTest extends ServerSuite {
    Fixtures fx;

    @Override
    protected UnaryOperator<Settings> settings() {
        return TestEditions.current("resource-tests", TestEditions.SMALL);
    }

    @BeforeEach
    void newInstance() {
        fx = Fixtures.newInstance(connect, "acme");
    }

    @Test
    void instanceStartsWithConnectsDefaultResources() {
        String id = fx.instanceId;
        assertThat(connect.listQueues(r -> r.instanceId(id)).queueSummaryList())
                .extracting(QueueSummary::queueType).containsExactlyInAnyOrder(QueueType.STANDARD, QueueType.AGENT);
        assertThat(connect.listRoutingProfiles(r -> r.instanceId(id)).routingProfileSummaryList()).hasSize(1);
        assertThat(connect.listSecurityProfiles(r -> r.instanceId(id)).securityProfileSummaryList()).hasSize(4);
        assertThat(connect.listAgentStatuses(r -> r.instanceId(id)).agentStatusSummaryList()).hasSize(2);
        assertThat(connect.listHoursOfOperations(r -> r.instanceId(id)).hoursOfOperationSummaryList()).hasSize(1);
        assertThat(connect.listUsers(r -> r.instanceId(id)).userSummaryList()).singleElement()
                .satisfies(u -> assertThat(u.username()).isEqualTo("admin"));
        RoutingProfile basic = connect.describeRoutingProfile(r -> r.instanceId(id).routingProfileId(fx.basicRoutingProfile())).routingProfile();
        assertThat(basic.numberOfAssociatedQueues()).isEqualTo(2);
        assertThat(basic.numberOfAssociatedUsers()).isEqualTo(1);
        assertThat(basic.associatedQueueIds()).containsExactly(fx.basicQueue());
    }

    @Test
    void queueIsCreatedDescribedListedAndDeleted() {
        String hours = fx.hours("Office");
        var created = connect.createQueue(r -> r.instanceId(fx.instanceId).name("Sales").description("sales")
                .hoursOfOperationId(hours).maxContacts(5).tags(Map.of("team", "blue")));

        var queue = connect.describeQueue(r -> r.instanceId(fx.instanceId).queueId(created.queueId())).queue();
        assertThat(queue.name()).isEqualTo("Sales");
        assertThat(queue.queueArn()).isEqualTo(created.queueArn())
                .isEqualTo("arn:aws:connect:us-east-1:" + ACCOUNT + ":instance/" + fx.instanceId + "/queue/" + created.queueId());
        assertThat(queue.hoursOfOperationId()).isEqualTo(hours);
        assertThat(queue.maxContacts()).isEqualTo(5);
        assertThat(queue.tags()).containsEntry("team", "blue");
        assertThat(queue.lastModifiedTime()).isNotNull();

        assertThatThrownBy(() -> connect.deleteHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(hours)))
                .isInstanceOf(ResourceInUseException.class);
        connect.deleteQueue(r -> r.instanceId(fx.instanceId).queueId(created.queueId()));
        assertThatThrownBy(() -> connect.describeQueue(r -> r.instanceId(fx.instanceId).queueId(created.queueId())))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        connect.deleteHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(hours));
    }

    @Test
    void duplicateNamesAreRefusedPerInstance() {
        fx.queue("Support");
        assertThatThrownBy(() -> fx.queue("Support"))
                .isInstanceOfSatisfying(DuplicateResourceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("'Support' already exists");
                });
        Fixtures other = Fixtures.newInstance(connect, "other");
        assertThat(other.queue("Support")).isNotBlank();
    }

    @Test
    void queueQuotaRefusalNamesTheQuotaItsValueAndUsage() {
        for (int i = 0; i < 5; i++) {
            fx.queue("q" + i);
        }
        assertThatThrownBy(() -> fx.queue("q5"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .contains("Queues per instance", "L-19A87C94", "is 6", "usage is 6");
                });
        // The agent queue of a new user does not count toward queues.
        fx.user("agent1");
        assertThat(connect.listQueues(r -> r.instanceId(fx.instanceId).queueTypes(QueueType.AGENT)).queueSummaryList()).hasSize(2);
    }

    @Test
    void routingProfileQueuesAreAssociatedListedUpdatedAndDisassociated() {
        String q1 = fx.queue("q1");
        String q2 = fx.queue("q2");
        assertThatThrownBy(() -> connect.createRoutingProfile(r -> r.instanceId(fx.instanceId).name("p").description("p")
                .defaultOutboundQueueId(q2).mediaConcurrencies(m -> m.channel(Channel.VOICE).concurrency(1))
                .queueConfigs(Fixtures.entry(q1, Channel.VOICE))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("must be one of the routing profile's queues");
        String profile = fx.routingProfile("p", q1);

        connect.associateRoutingProfileQueues(r -> r.instanceId(fx.instanceId).routingProfileId(profile)
                .queueConfigs(Fixtures.entry(q2, Channel.CHAT), Fixtures.entry(q2, Channel.VOICE)));
        connect.updateRoutingProfileQueues(r -> r.instanceId(fx.instanceId).routingProfileId(profile)
                .queueConfigs(c -> c.queueReference(q -> q.queueId(q2).channel(Channel.CHAT)).priority(7).delay(30)));
        List<RoutingProfileQueueConfigSummary> entries = connect.listRoutingProfileQueuesPaginator(r -> r.instanceId(fx.instanceId)
                .routingProfileId(profile).maxResults(2)).routingProfileQueueConfigSummaryList().stream().toList();
        assertThat(entries).hasSize(3);
        assertThat(entries).filteredOn(e -> e.queueId().equals(q2) && e.channel() == Channel.CHAT).singleElement()
                .satisfies(e -> {
                    assertThat(e.priority()).isEqualTo(7);
                    assertThat(e.delay()).isEqualTo(30);
                    assertThat(e.queueName()).isEqualTo("q2");
                });

        assertThatThrownBy(() -> connect.deleteQueue(r -> r.instanceId(fx.instanceId).queueId(q2)))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.resourceId()).isEqualTo(q2);
                });
        assertThatThrownBy(() -> connect.disassociateRoutingProfileQueues(r -> r.instanceId(fx.instanceId).routingProfileId(profile)
                .queueReferences(q -> q.queueId(q1).channel(Channel.VOICE))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("default outbound queue");
        connect.disassociateRoutingProfileQueues(r -> r.instanceId(fx.instanceId).routingProfileId(profile)
                .queueReferences(q -> q.queueId(q2).channel(Channel.CHAT), q -> q.queueId(q2).channel(Channel.VOICE)));
        connect.deleteQueue(r -> r.instanceId(fx.instanceId).queueId(q2));
        assertThat(connect.describeRoutingProfile(r -> r.instanceId(fx.instanceId).routingProfileId(profile))
                .routingProfile().numberOfAssociatedQueues()).isEqualTo(1);
    }

    @Test
    void queuesPerRoutingProfileCountsEntriesAndRefusesCreateOverTheLimit() {
        String q1 = fx.queue("q1");
        String q2 = fx.queue("q2");
        assertThatThrownBy(() -> connect.createRoutingProfile(r -> r.instanceId(fx.instanceId).name("big").description("big")
                .defaultOutboundQueueId(q1).mediaConcurrencies(m -> m.channel(Channel.VOICE).concurrency(1))
                .queueConfigs(Fixtures.entry(q1, Channel.VOICE), Fixtures.entry(q1, Channel.CHAT), Fixtures.entry(q1, Channel.TASK),
                        Fixtures.entry(q2, Channel.VOICE), Fixtures.entry(q2, Channel.CHAT), Fixtures.entry(q2, Channel.TASK))))
                .isInstanceOfSatisfying(LimitExceededException.class, e ->
                        assertThat(e.getMessage()).contains("Queues per routing profile", "L-516BC0EB", "is 5",
                                "usage is 0: 6 more would exceed it"));
        // The refused create charged nothing: three routing profiles still fit (4 with the basic one).
        for (int i = 0; i < 3; i++) {
            fx.routingProfile("p" + i, q1);
        }
    }

    @Test
    void userNeedsExistingProfilesAndGetsAnAgentQueue() {
        assertThatThrownBy(() -> connect.createUser(r -> r.instanceId(fx.instanceId).username("u").password(Fixtures.PASSWORD)
                .routingProfileId("nope").securityProfileIds(fx.securityProfile("Agent"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Routing profile nope");
        assertThatThrownBy(() -> connect.createUser(r -> r.instanceId(fx.instanceId).username("u").password(Fixtures.PASSWORD)
                .routingProfileId(fx.basicRoutingProfile()).securityProfileIds("missing")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Security profile missing");
        assertThatThrownBy(() -> connect.createUser(r -> r.instanceId(fx.instanceId).username("u").password("short")
                .routingProfileId(fx.basicRoutingProfile()).securityProfileIds(fx.securityProfile("Agent"))))
                .isInstanceOf(InvalidParameterException.class);

        String user = fx.user("jane");
        assertThatThrownBy(() -> fx.user("jane")).isInstanceOf(DuplicateResourceException.class);
        var agentQueue = connect.describeQueue(r -> r.instanceId(fx.instanceId).queueId(user)).queue();
        assertThat(agentQueue.queueArn()).endsWith("/queue/agent/" + user);

        String q1 = fx.queue("q1");
        String profile = fx.routingProfile("p", q1);
        connect.updateUserRoutingProfile(r -> r.instanceId(fx.instanceId).userId(user).routingProfileId(profile));
        connect.updateUserSecurityProfiles(r -> r.instanceId(fx.instanceId).userId(user)
                .securityProfileIds(fx.securityProfile("Admin"), fx.securityProfile("QualityAnalyst")));
        User described = connect.describeUser(r -> r.instanceId(fx.instanceId).userId(user)).user();
        assertThat(described.routingProfileId()).isEqualTo(profile);
        assertThat(described.securityProfileIds()).containsExactlyInAnyOrder(fx.securityProfile("Admin"), fx.securityProfile("QualityAnalyst"));

        assertThatThrownBy(() -> connect.deleteRoutingProfile(r -> r.instanceId(fx.instanceId).routingProfileId(profile)))
                .isInstanceOf(ResourceInUseException.class);
        connect.deleteSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileId(fx.securityProfile("Agent")));
        assertThatThrownBy(() -> connect.deleteSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileId(fx.securityProfile("Admin"))))
                .isInstanceOf(ResourceInUseException.class);

        connect.deleteUser(r -> r.instanceId(fx.instanceId).userId(user));
        assertThatThrownBy(() -> connect.describeQueue(r -> r.instanceId(fx.instanceId).queueId(user)))
                .isInstanceOf(ResourceNotFoundException.class);
        connect.deleteRoutingProfile(r -> r.instanceId(fx.instanceId).routingProfileId(profile));
    }

    @Test
    void hierarchyHasAtMostFiveLevelsAndGroupsInUseStay() {
        String[] levels = new String[5];
        for (int i = 0; i < 5; i++) {
            String parent = i == 0 ? null : levels[i - 1];
            int level = i;
            levels[i] = connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("L" + level).parentGroupId(parent))
                    .hierarchyGroupId();
        }
        assertThatThrownBy(() -> connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("L5").parentGroupId(levels[4])))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 5 levels");
        HierarchyGroup second = connect.describeUserHierarchyGroup(r -> r.instanceId(fx.instanceId).hierarchyGroupId(levels[1])).hierarchyGroup();
        assertThat(second.levelId()).isEqualTo("2");
        assertThat(second.hierarchyPath().levelOne().id()).isEqualTo(levels[0]);
        assertThat(second.hierarchyPath().levelTwo().name()).isEqualTo("L1");
        assertThat(connect.describeUserHierarchyGroup(r -> r.instanceId(fx.instanceId).hierarchyGroupId(levels[4]))
                .hierarchyGroup().hierarchyPath().levelFive().id()).isEqualTo(levels[4]);

        assertThatThrownBy(() -> connect.deleteUserHierarchyGroup(r -> r.instanceId(fx.instanceId).hierarchyGroupId(levels[3])))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> assertThat(e.resourceTypeAsString()).isEqualTo("HIERARCHY_GROUP"));
        String user = fx.user("pierre");
        connect.updateUserHierarchy(r -> r.instanceId(fx.instanceId).userId(user).hierarchyGroupId(levels[4]));
        assertThatThrownBy(() -> connect.deleteUserHierarchyGroup(r -> r.instanceId(fx.instanceId).hierarchyGroupId(levels[4])))
                .isInstanceOf(ResourceInUseException.class);
        connect.updateUserHierarchy(r -> r.instanceId(fx.instanceId).userId(user));
        for (int i = 4; i >= 0; i--) {
            String id = levels[i];
            connect.deleteUserHierarchyGroup(r -> r.instanceId(fx.instanceId).hierarchyGroupId(id));
        }
    }

    @Test
    void contactFlowContentMustBeJson() {
        assertThatThrownBy(() -> connect.createContactFlow(r -> r.instanceId(fx.instanceId).name("bad")
                .type(ContactFlowType.CONTACT_FLOW).content("{not json")))
                .isInstanceOfSatisfying(InvalidContactFlowException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not valid JSON"));
                });
        String flow = fx.flow("Main");
        var described = connect.describeContactFlow(r -> r.instanceId(fx.instanceId).contactFlowId(flow)).contactFlow();
        assertThat(described.content()).contains("2019-10-30");
        assertThat(described.type()).isEqualTo(ContactFlowType.CONTACT_FLOW);
        assertThat(connect.listContactFlows(r -> r.instanceId(fx.instanceId).contactFlowTypes(ContactFlowType.AGENT_HOLD))
                .contactFlowSummaryList()).isEmpty();
    }

    @Test
    void quickConnectKeepsItsQueueAndFlowInUse() {
        String queue = fx.queue("Escalations");
        String flow = fx.flow("Transfer");
        String qc = connect.createQuickConnect(r -> r.instanceId(fx.instanceId).name("To escalations")
                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.QUEUE).queueConfig(q -> q.queueId(queue).contactFlowId(flow))))
                .quickConnectId();
        String other = fx.queue("Offers quick connect");
        assertThat(other).isNotBlank();
        assertThatThrownBy(() -> connect.deleteQueue(r -> r.instanceId(fx.instanceId).queueId(queue))).isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> connect.deleteContactFlow(r -> r.instanceId(fx.instanceId).contactFlowId(flow))).isInstanceOf(ResourceInUseException.class);
        assertThat(connect.describeQuickConnect(r -> r.instanceId(fx.instanceId).quickConnectId(qc)).quickConnect()
                .quickConnectConfig().queueConfig().queueId()).isEqualTo(queue);
        connect.deleteQuickConnect(r -> r.instanceId(fx.instanceId).quickConnectId(qc));
        connect.deleteQueue(r -> r.instanceId(fx.instanceId).queueId(queue));
        connect.deleteContactFlow(r -> r.instanceId(fx.instanceId).contactFlowId(flow));
    }

    @Test
    void agentStatusIsDisabledNeverDeleted() {
        String id = connect.createAgentStatus(r -> r.instanceId(fx.instanceId).name("Lunch").state(AgentStatusState.ENABLED).displayOrder(3))
                .agentStatusId();
        connect.updateAgentStatus(r -> r.instanceId(fx.instanceId).agentStatusId(id).state(AgentStatusState.DISABLED).name("Break"));
        var status = connect.describeAgentStatus(r -> r.instanceId(fx.instanceId).agentStatusId(id)).agentStatus();
        assertThat(status.state()).isEqualTo(AgentStatusState.DISABLED);
        assertThat(status.name()).isEqualTo("Break");
        assertThat(status.type()).isEqualTo(AgentStatusType.CUSTOM);
        assertThat(connect.listAgentStatuses(r -> r.instanceId(fx.instanceId).agentStatusTypes(AgentStatusType.CUSTOM))
                .agentStatusSummaryList()).hasSize(1);
        assertThatThrownBy(() -> connect.updateAgentStatus(r -> r.instanceId(fx.instanceId).agentStatusId(id).name("Available")))
                .isInstanceOf(DuplicateResourceException.class);
    }

    @Test
    void lambdaFunctionsAndLexBotsAreAssociatedOnce() {
        String fn = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:lookup";
        connect.associateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(fn));
        assertThatThrownBy(() -> connect.associateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(fn)))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        // A retry of the same request (same ClientToken) succeeds again and charges nothing more.
        connect.associateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(fn + "-2").clientToken("retry-1"));
        connect.associateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(fn + "-2").clientToken("retry-1"));
        connect.disassociateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(fn + "-2"));
        assertThat(connect.listLambdaFunctions(r -> r.instanceId(fx.instanceId)).lambdaFunctions()).containsExactly(fn);
        connect.disassociateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(fn));
        assertThat(connect.listLambdaFunctions(r -> r.instanceId(fx.instanceId)).lambdaFunctions()).isEmpty();

        connect.associateLexBot(r -> r.instanceId(fx.instanceId).lexBot(b -> b.name("Order").lexRegion("us-east-1")));
        String alias = "arn:aws:lex:us-east-1:" + ACCOUNT + ":bot-alias/ABCDEF1234/TSTALIASID";
        connect.associateBot(r -> r.instanceId(fx.instanceId).lexV2Bot(b -> b.aliasArn(alias)));
        assertThat(connect.listLexBots(r -> r.instanceId(fx.instanceId)).lexBots()).singleElement()
                .satisfies(b -> assertThat(b.name()).isEqualTo("Order"));
        assertThat(connect.listBots(r -> r.instanceId(fx.instanceId).lexVersion(LexVersion.V2)).lexBots()).singleElement()
                .satisfies(b -> assertThat(b.lexV2Bot().aliasArn()).isEqualTo(alias));
        connect.disassociateLexBot(r -> r.instanceId(fx.instanceId).botName("Order").lexRegion("us-east-1"));
        connect.disassociateBot(r -> r.instanceId(fx.instanceId).lexV2Bot(b -> b.aliasArn(alias)));
        assertThat(connect.listBots(r -> r.instanceId(fx.instanceId).lexVersion(LexVersion.V2)).lexBots()).isEmpty();
    }

    @Test
    void tagsAreReadAndWrittenThroughPercentEncodedArns() {
        var created = connect.createQueue(r -> r.instanceId(fx.instanceId).name("Tagged q").hoursOfOperationId(fx.basicHours()));
        connect.tagResource(r -> r.resourceArn(created.queueArn()).tags(Map.of("env", "test", "cost center", "42")));
        connect.untagResource(r -> r.resourceArn(created.queueArn()).tagKeys("env"));
        assertThat(connect.listTagsForResource(r -> r.resourceArn(created.queueArn())).tags()).containsExactly(Map.entry("cost center", "42"));
        assertThat(connect.describeQueue(r -> r.instanceId(fx.instanceId).queueId(created.queueId())).queue().tags())
                .containsEntry("cost center", "42");

        String instanceArn = connect.describeInstance(r -> r.instanceId(fx.instanceId)).instance().arn();
        connect.tagResource(r -> r.resourceArn(instanceArn).tags(Map.of("owner", "ops")));
        assertThat(connect.listTagsForResource(r -> r.resourceArn(instanceArn)).tags()).containsEntry("owner", "ops");

        try (ConnectClient other = Clients.connect(server.port(), "444455556666", "us-east-1")) {
            assertThatThrownBy(() -> other.listTagsForResource(r -> r.resourceArn(created.queueArn())))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> other.tagResource(r -> r.resourceArn(created.queueArn()).tags(Map.of("x", "y"))))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void anotherAccountsResourcesAreNotFoundAndNeverShown() {
        String queue = fx.queue("Private");
        try (ConnectClient other = Clients.connect(server.port(), "444455556666", "us-east-1")) {
            assertThatThrownBy(() -> other.describeQueue(r -> r.instanceId(fx.instanceId).queueId(queue)))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.getMessage()).doesNotContain("Private"));
            assertThatThrownBy(() -> other.listQueues(r -> r.instanceId(fx.instanceId))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> other.deleteQueue(r -> r.instanceId(fx.instanceId).queueId(queue))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> other.createQueue(r -> r.instanceId(fx.instanceId).name("x").hoursOfOperationId(fx.basicHours())))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void phoneNumbersComeFromTheInventoryAndAReleasedNumberIsNeverOfferedAgain() {
        var offered = connect.searchAvailablePhoneNumbers(r -> r.instanceId(fx.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("DID").maxResults(3)).availableNumbersList();
        assertThat(offered).hasSize(3).allSatisfy(n -> assertThat(n.phoneNumber()).startsWith("+1"));
        String number = offered.get(0).phoneNumber();
        var claimed = connect.claimPhoneNumber(r -> r.instanceId(fx.instanceId).phoneNumber(number).phoneNumberDescription("main line"));
        assertThat(claimed.phoneNumberArn()).isEqualTo("arn:aws:connect:us-east-1:" + ACCOUNT + ":phone-number/" + claimed.phoneNumberId());
        var described = connect.describePhoneNumber(r -> r.phoneNumberId(claimed.phoneNumberId())).claimedPhoneNumberSummary();
        assertThat(described.phoneNumber()).isEqualTo(number);
        assertThat(described.phoneNumberCountryCodeAsString()).isEqualTo("US");
        assertThat(described.phoneNumberTypeAsString()).isEqualTo("DID");
        assertThat(described.instanceId()).isEqualTo(fx.instanceId);
        assertThat(connect.listPhoneNumbersV2(r -> r.instanceId(fx.instanceId)).listPhoneNumbersSummaryList()).singleElement()
                .satisfies(n -> assertThat(n.phoneNumber()).isEqualTo(number));
        Fixtures second = Fixtures.newInstance(connect, "second");
        String other = offered.get(1).phoneNumber();
        connect.claimPhoneNumber(r -> r.targetArn(connect.describeInstance(d -> d.instanceId(second.instanceId)).instance().arn())
                .phoneNumber(other));
        assertThat(connect.listPhoneNumbersV2(r -> { }).listPhoneNumbersSummaryList())
                .extracting(n -> n.phoneNumber()).containsExactlyInAnyOrder(number, other);
        try (ConnectClient stranger = Clients.connect(server.port(), "444455556666", "us-east-1")) {
            assertThat(stranger.listPhoneNumbersV2(r -> { }).listPhoneNumbersSummaryList()).isEmpty();
            assertThatThrownBy(() -> stranger.describePhoneNumber(r -> r.phoneNumberId(claimed.phoneNumberId())))
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        connect.releasePhoneNumber(r -> r.phoneNumberId(claimed.phoneNumberId()));
        assertThat(connect.listPhoneNumbersV2(r -> r.instanceId(fx.instanceId)).listPhoneNumbersSummaryList()).isEmpty();
        assertThat(connect.searchAvailablePhoneNumbers(r -> r.instanceId(fx.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("DID").maxResults(10)).availableNumbersList()).noneMatch(n -> n.phoneNumber().equals(number));
        assertThatThrownBy(() -> connect.claimPhoneNumber(r -> r.instanceId(fx.instanceId).phoneNumber(number)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("never offered again");
        assertThatThrownBy(() -> connect.describePhoneNumber(r -> r.phoneNumberId(claimed.phoneNumberId())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void inventoryNumbersAreValidForTheirCountryAndPrefix() {
        var tollFree = connect.searchAvailablePhoneNumbers(r -> r.instanceId(fx.instanceId).phoneNumberCountryCode("GB")
                .phoneNumberType("TOLL_FREE").maxResults(2)).availableNumbersList();
        assertThat(tollFree).hasSize(2).allSatisfy(n -> assertThat(n.phoneNumber()).startsWith("+44"));
        var seattle = connect.searchAvailablePhoneNumbers(r -> r.instanceId(fx.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("DID").phoneNumberPrefix("+1206").maxResults(2)).availableNumbersList();
        assertThat(seattle).hasSize(2).allSatisfy(n -> assertThat(n.phoneNumber()).startsWith("+1206"));
        // +1 876 is Jamaica, not the United States: not a US DID.
        assertThat(connect.searchAvailablePhoneNumbers(r -> r.instanceId(fx.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("DID").phoneNumberPrefix("+1876")).availableNumbersList()).isEmpty();
        assertThatThrownBy(() -> connect.claimPhoneNumber(r -> r.instanceId(fx.instanceId).phoneNumber("+15555")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void deletingAnInstanceDropsItsResourcesAndItsNumbersAreNeverOfferedAgain() {
        String number = connect.searchAvailablePhoneNumbers(r -> r.instanceId(fx.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("TOLL_FREE").maxResults(1)).availableNumbersList().get(0).phoneNumber();
        String id = connect.claimPhoneNumber(r -> r.instanceId(fx.instanceId).phoneNumber(number)).phoneNumberId();
        fx.routingProfile("p", fx.queue("q"));

        connect.deleteInstance(r -> r.instanceId(fx.instanceId));

        assertThatThrownBy(() -> connect.describePhoneNumber(r -> r.phoneNumberId(id))).isInstanceOf(ResourceNotFoundException.class);
        Fixtures next = Fixtures.newInstance(connect, "next");
        assertThat(connect.searchAvailablePhoneNumbers(r -> r.instanceId(next.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("TOLL_FREE").maxResults(10)).availableNumbersList()).noneMatch(n -> n.phoneNumber().equals(number));
        assertThat(connect.listQueues(r -> r.instanceId(next.instanceId)).queueSummaryList()).hasSize(2);
    }

    @Test
    void parallelFirstCallsOpenAFreshInstanceOnceAndItsDefaultsCount() {
        for (int round = 0; round < 2; round++) {
            String alias = "fresh-" + round;
            String id = connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED)
                    .instanceAlias(alias).inboundCallsEnabled(true).outboundCallsEnabled(true)).id();
            List<Boolean> created = Race.run(8, i -> {
                try {
                    connect.createSecurityProfile(r -> r.instanceId(id).securityProfileName("sp-" + i));
                    return true;
                } catch (LimitExceededException full) {
                    return false;
                }
            });
            // The edition allows 7 security profiles; the 4 defaults, written by exactly one of the racers, take 4.
            assertThat(created).as("round " + round).filteredOn(c -> c).hasSize(3);
            assertThat(connect.listSecurityProfiles(r -> r.instanceId(id)).securityProfileSummaryList()).hasSize(7);
            assertThat(server.operator().usage("instances/" + id + "/quotas", "SECURITY_PROFILES")).isEqualTo(7);
            assertThat(connect.listUsers(r -> r.instanceId(id)).userSummaryList()).hasSize(1);
            assertThat(connect.listRoutingProfiles(r -> r.instanceId(id)).routingProfileSummaryList()).hasSize(1);
        }
    }

    @Test
    void aDeleteRacingACreateThatRefersToItLeavesNoDanglingReference() {
        String queue = fx.queue("shared");
        String agent = fx.securityProfile("Agent");
        for (int round = 0; round < 12; round++) {
            String profile = fx.routingProfile("race " + round, queue);
            String username = "racer" + round;
            // Stagger the delete a little differently each round, so both orders happen.
            long delayMicros = (round % 6) * 1000L;
            // Racer 0 deletes the profile (its id, or null when in use); racer 1 creates a user on it (its id, or null when gone).
            List<String> outcomes = Race.run(2, i -> {
                if (i == 0) {
                    LockSupport.parkNanos(delayMicros * 1000);
                    try {
                        connect.deleteRoutingProfile(r -> r.instanceId(fx.instanceId).routingProfileId(profile));
                        return profile;
                    } catch (ResourceInUseException inUse) {
                        return null;
                    }
                }
                try {
                    return connect.createUser(r -> r.instanceId(fx.instanceId).username(username).password(Fixtures.PASSWORD)
                            .routingProfileId(profile).securityProfileIds(agent)).userId();
                } catch (ResourceNotFoundException gone) {
                    return null;
                }
            });
            boolean profileDeleted = outcomes.get(0) != null;
            String user = outcomes.get(1);
            // Exactly one of them won: the user has the profile, or the profile is gone and there is no user.
            assertThat(profileDeleted).as("round " + round).isEqualTo(user == null);
            if (user != null) {
                assertThat(connect.describeRoutingProfile(r -> r.instanceId(fx.instanceId).routingProfileId(profile))
                        .routingProfile().numberOfAssociatedUsers()).isEqualTo(1);
                connect.deleteUser(r -> r.instanceId(fx.instanceId).userId(user));
                connect.deleteRoutingProfile(r -> r.instanceId(fx.instanceId).routingProfileId(profile));
            }
        }
    }

    @Test
    void hoursPromptsAndSecurityProfilesAreDescribedAsCreated() {
        String hours = fx.hours("Office");
        var described = connect.describeHoursOfOperation(r -> r.instanceId(fx.instanceId).hoursOfOperationId(hours)).hoursOfOperation();
        assertThat(described.timeZone()).isEqualTo("Europe/Paris");
        assertThat(described.config()).singleElement().satisfies(day -> {
            assertThat(day.dayAsString()).isEqualTo("MONDAY");
            assertThat(day.startTime().hours()).isEqualTo(9);
            assertThat(day.endTime().hours()).isEqualTo(17);
        });

        var prompt = connect.createPrompt(r -> r.instanceId(fx.instanceId).name("Welcome").s3Uri("s3://bucket/welcome.wav")
                .description("greeting"));
        var describedPrompt = connect.describePrompt(r -> r.instanceId(fx.instanceId).promptId(prompt.promptId())).prompt();
        assertThat(describedPrompt.promptARN()).isEqualTo(prompt.promptARN()).contains("/prompt/");
        assertThat(describedPrompt.description()).isEqualTo("greeting");

        var profile = connect.createSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileName("Supervisor")
                .description("sees everything").permissions("BasicAgentAccess"));
        var describedProfile = connect.describeSecurityProfile(r -> r.instanceId(fx.instanceId)
                .securityProfileId(profile.securityProfileId())).securityProfile();
        assertThat(describedProfile.securityProfileName()).isEqualTo("Supervisor");
        assertThat(describedProfile.arn()).isEqualTo(profile.securityProfileArn());
        assertThat(connect.listPrompts(r -> r.instanceId(fx.instanceId)).promptSummaryList()).singleElement()
                .satisfies(p -> assertThat(p.name()).isEqualTo("Welcome"));
        connect.deletePrompt(r -> r.instanceId(fx.instanceId).promptId(prompt.promptId()));
        connect.deleteSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileId(profile.securityProfileId()));
        assertThat(connect.listSecurityProfiles(r -> r.instanceId(fx.instanceId)).securityProfileSummaryList()).hasSize(4);
    }

    @Test
    void missingRequiredMembersAndBadValuesAreRefused() {
        assertThatThrownBy(() -> connect.createQueue(r -> r.instanceId(fx.instanceId).name("x")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("HoursOfOperationId");
        assertThatThrownBy(() -> connect.createHoursOfOperation(r -> r.instanceId(fx.instanceId).name("h").timeZone("Mars/Base")
                .config(c -> c.day("MONDAY").startTime(t -> t.hours(9).minutes(0)).endTime(t -> t.hours(17).minutes(0)))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Mars/Base");
        assertThatThrownBy(() -> connect.associateBot(r -> r.instanceId(fx.instanceId)))
                .isInstanceOf(InvalidRequestException.class);
    }
}
