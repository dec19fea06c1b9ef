package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.TestEditions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.DuplicateResourceException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.LimitExceededException;
import software.amazon.awssdk.services.connect.model.ResourceConflictException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.RoutingProfileQueueConfig;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;

/**
 * A create is checked well-formed, then authorised, then that what it refers to exists, then that its
 * name is free, and only then against its quota; a refused create charges nothing. Each case fills a
 * quota first, so the refusal it expects is the one that comes before the quota's.
 */
class CreatePrecedenceTest extends ServerSuite {
    private static final String MISSING = "00000000-0000-0000-0000-000000000000";

    Fixtures fx;

    @Override
    protected UnaryOperator<Settings> settings() {
        return TestEditions.current("precedence-tests", TestEditions.SMALL);
    }

    @BeforeEach
    void newInstance() {
        fx = Fixtures.newInstance(connect, "precedence");
    }

    @Test
    void createUserAtAFullQuotaNamesAMissingRoutingProfileOrATakenNameFirst() {
        fillUsers();
        long usage = usage("USERS");

        assertThatThrownBy(() -> connect.createUser(r -> r.instanceId(fx.instanceId).username("late").password(Fixtures.PASSWORD)
                .routingProfileId(MISSING).securityProfileIds(fx.securityProfile("Agent"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> fx.user("agent-1"))
                .isInstanceOfSatisfying(DuplicateResourceException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> fx.user("late"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.statusCode()).isEqualTo(429));

        assertThat(usage("USERS")).isEqualTo(usage).isEqualTo(4);
        assertThat(connect.listUsers(r -> r.instanceId(fx.instanceId)).userSummaryList()).hasSize(4);
    }

    @Test
    void createRoutingProfileAtFullQuotasNamesAMissingQueueOrATakenNameFirst() {
        String queue = fx.basicQueue();
        for (int i = 1; i <= 3; i++) {
            fx.routingProfile("profile-" + i, queue);
        }
        assertThatThrownBy(() -> fx.routingProfile("one-too-many", queue)).isInstanceOf(LimitExceededException.class);

        assertThatThrownBy(() -> fx.routingProfile("missing-queue", MISSING))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> fx.routingProfile("profile-1", queue)).isInstanceOf(DuplicateResourceException.class);
        assertThat(usage("ROUTING_PROFILES")).isEqualTo(4);
    }

    @Test
    void tooManyQueueEntriesComeAfterMissingQueuesAndTakenNames() {
        String basic = fx.basicQueue();
        String second = fx.queue("second");
        // Six entries: one more than the five a profile may have.
        List<RoutingProfileQueueConfig> six = List.of(
                Fixtures.entry(basic, Channel.VOICE), Fixtures.entry(basic, Channel.CHAT), Fixtures.entry(basic, Channel.TASK),
                Fixtures.entry(second, Channel.VOICE), Fixtures.entry(second, Channel.CHAT), Fixtures.entry(second, Channel.TASK));
        assertThatThrownBy(() -> createProfile("six", basic, six)).isInstanceOf(LimitExceededException.class);

        List<RoutingProfileQueueConfig> sixAndMissing = new ArrayList<>(six);
        sixAndMissing.add(Fixtures.entry(MISSING, Channel.VOICE));
        assertThatThrownBy(() -> createProfile("seven", basic, sixAndMissing)).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> createProfile("Basic Routing Profile", basic, six)).isInstanceOf(DuplicateResourceException.class);

        String profile = fx.routingProfile("full", basic);
        connect.associateRoutingProfileQueues(r -> r.instanceId(fx.instanceId).routingProfileId(profile).queueConfigs(
                Fixtures.entry(basic, Channel.CHAT), Fixtures.entry(basic, Channel.TASK),
                Fixtures.entry(second, Channel.VOICE), Fixtures.entry(second, Channel.CHAT)));
        assertThatThrownBy(() -> connect.associateRoutingProfileQueues(r -> r.instanceId(fx.instanceId).routingProfileId(profile)
                .queueConfigs(Fixtures.entry(MISSING, Channel.VOICE))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> connect.associateRoutingProfileQueues(r -> r.instanceId(fx.instanceId).routingProfileId(profile)
                .queueConfigs(Fixtures.entry(second, Channel.TASK))))
                .isInstanceOf(LimitExceededException.class);

        assertThat(usage("ROUTING_PROFILES")).isEqualTo(2);
        assertThat(usage("QUEUES_PER_ROUTING_PROFILE")).isEqualTo(5);
    }

    @Test
    void createQueueAndHierarchyGroupAtFullQuotasNameMissingReferencesFirst() {
        for (int i = 1; i <= 5; i++) {
            fx.queue("queue-" + i);
        }
        assertThatThrownBy(() -> fx.queue("one-too-many")).isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> connect.createQueue(r -> r.instanceId(fx.instanceId).name("no-hours").hoursOfOperationId(MISSING)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fx.queue("queue-1")).isInstanceOf(DuplicateResourceException.class);
        assertThat(usage("QUEUES")).isEqualTo(6);

        for (int i = 1; i <= 6; i++) {
            int n = i;
            connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("group-" + n));
        }
        assertThatThrownBy(() -> connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("orphan").parentGroupId(MISSING)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("group-1")))
                .isInstanceOf(DuplicateResourceException.class);
        assertThat(usage("HIERARCHY_GROUPS")).isEqualTo(6);
    }

    @Test
    void associatingALambdaFunctionTwiceAtAFullQuotaIsAConflict() {
        String prefix = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:f";
        for (int i = 1; i <= 3; i++) {
            int n = i;
            connect.associateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(prefix + n));
        }
        assertThatThrownBy(() -> connect.associateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(prefix + "4")))
                .isInstanceOf(ServiceQuotaExceededException.class);
        assertThatThrownBy(() -> connect.associateLambdaFunction(r -> r.instanceId(fx.instanceId).functionArn(prefix + "1")))
                .isInstanceOf(ResourceConflictException.class);
        assertThat(usage("LAMBDA_FUNCTIONS")).isEqualTo(3);
    }

    @Test
    void createInstanceNamesATakenAliasBeforeAFullRegionAndAMalformedRequestBeforeAispl() {
        for (int i = 2; i <= 5; i++) {
            Fixtures.newInstance(connect, "more-" + i);
        }
        assertThatThrownBy(() -> Fixtures.newInstance(connect, "sixth")).isInstanceOf(ServiceQuotaExceededException.class);
        assertThatThrownBy(() -> Fixtures.newInstance(connect, "more-2"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("already in use"));
        String region = "accounts/" + ACCOUNT + "/quotas?region=us-east-1";
        assertThat(server.operator().usage(region, "INSTANCES_PER_REGION")).isEqualTo(5);

        server.operator().setBillingEntity("999988887777", "AISPL");
        try (ConnectClient india = Clients.connect(server.port(), "999988887777", "us-east-1")) {
            assertThatThrownBy(() -> india.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED)
                    .instanceAlias("-not-an-alias-")))
                    .isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> Fixtures.newInstance(india, "mumbai"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("AISPL"));
        }
    }

    private void fillUsers() {
        // The admin user is the first of four.
        for (int i = 1; i <= 3; i++) {
            fx.user("agent-" + i);
        }
    }

    private void createProfile(String name, String outbound, List<RoutingProfileQueueConfig> entries) {
        connect.createRoutingProfile(r -> r.instanceId(fx.instanceId).name(name).description(name).defaultOutboundQueueId(outbound)
                .mediaConcurrencies(m -> m.channel(Channel.VOICE).concurrency(1)).queueConfigs(entries));
    }

    private long usage(String quota) {
        return server.operator().usage("instances/" + fx.instanceId + "/quotas", quota);
    }
}
