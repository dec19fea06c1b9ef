package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.GetMetricDataV2Response;
import software.amazon.awssdk.services.connect.model.IntervalPeriod;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.QuickConnectType;

/**
 * Every NextToken is checked: one that Callgate did not return for the very same list (forged,
 * garbled, another operation's, another instance's) is refused with InvalidRequestException 400.
 */
class PageTokenTest extends ServerSuite {
    /** Tokens nobody was given: the old plain format, a negative key, random text, a truncated real-looking one. */
    private static final List<String> FORGED = List.of(
            Base64.getUrlEncoder().withoutPadding().encodeToString("cg1:abc".getBytes(StandardCharsets.UTF_8)),
            "cg1:abc", "cg1:-5", "cg1.LTU.", "0a9f3b7c-not-a-token", "cg1." + "A".repeat(40) + ".x");

    Fixtures a;
    Fixtures b;
    String instanceToken;

    @BeforeEach
    void twoInstances() {
        a = Fixtures.newInstance(connect, "pages-a");
        b = Fixtures.newInstance(connect, "pages-b");
        instanceToken = connect.listInstances(r -> r.maxResults(1)).nextToken();
        assertThat(instanceToken).isNotNull();
    }

    @Test
    void listInstancesRefusesForgedTokensAndFollowsItsOwn() {
        refusesAll(token -> connect.listInstances(r -> r.nextToken(token)));
        assertThat(connect.listInstances(r -> r.maxResults(1).nextToken(instanceToken)).instanceSummaryList()).hasSize(1);
    }

    @Test
    void listQueuesRefusesAnotherOperationsOrInstancesToken() {
        refusesAll(token -> connect.listQueues(r -> r.instanceId(a.instanceId).nextToken(token)));
        refused(() -> connect.listQueues(r -> r.instanceId(a.instanceId).nextToken(instanceToken)));
        String ofA = connect.listQueues(r -> r.instanceId(a.instanceId).maxResults(1)).nextToken();
        refused(() -> connect.listQueues(r -> r.instanceId(b.instanceId).nextToken(ofA)));
        refused(() -> connect.listUsers(r -> r.instanceId(a.instanceId).nextToken(ofA)));
        assertThat(connect.listQueues(r -> r.instanceId(a.instanceId).maxResults(1).nextToken(ofA)).queueSummaryList()).hasSize(1);
    }

    @Test
    void listRoutingProfileQueuesRefusesAnotherProfilesToken() {
        String profileA = a.basicRoutingProfile();
        String profileB = b.basicRoutingProfile();
        refusesAll(token -> connect.listRoutingProfileQueues(r -> r.instanceId(a.instanceId).routingProfileId(profileA).nextToken(token)));
        // The Basic Routing Profile has BasicQueue on voice and chat: two entries, one page each.
        var first = connect.listRoutingProfileQueues(r -> r.instanceId(a.instanceId).routingProfileId(profileA).maxResults(1));
        assertThat(first.nextToken()).isNotNull();
        refused(() -> connect.listRoutingProfileQueues(r -> r.instanceId(b.instanceId).routingProfileId(profileB).nextToken(first.nextToken())));
        refused(() -> connect.listQueues(r -> r.instanceId(a.instanceId).nextToken(first.nextToken())));
        refused(() -> connect.listRoutingProfileQueues(r -> r.instanceId(a.instanceId).routingProfileId(profileA).nextToken(instanceToken)));
        var second = connect.listRoutingProfileQueues(r -> r.instanceId(a.instanceId).routingProfileId(profileA).maxResults(1)
                .nextToken(first.nextToken()));
        assertThat(second.routingProfileQueueConfigSummaryList()).hasSize(1);
        assertThat(second.routingProfileQueueConfigSummaryList().get(0).channel())
                .isNotEqualTo(first.routingProfileQueueConfigSummaryList().get(0).channel());
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void metricDataV2RefusesAnotherInstancesToken() {
        String arnA = connect.describeInstance(r -> r.instanceId(a.instanceId)).instance().arn();
        String arnB = connect.describeInstance(r -> r.instanceId(b.instanceId)).instance().arn();
        refusesAll(token -> metricsV2(arnA, a.basicQueue(), token));
        String ofA = metricsV2(arnA, a.basicQueue(), null).nextToken();
        assertThat(ofA).isNotNull();
        refused(() -> metricsV2(arnB, b.basicQueue(), ofA));
        refused(() -> metricsV2(arnA, a.basicQueue(), instanceToken));
        assertThat(metricsV2(arnA, a.basicQueue(), ofA).metricResults()).hasSize(1);
    }

    @Test
    void listPhoneNumbersV2RefusesForgedAndForeignTokens() {
        refusesAll(token -> connect.listPhoneNumbersV2(r -> r.nextToken(token)));
        refusesAll(token -> connect.listPhoneNumbersV2(r -> r.instanceId(a.instanceId).nextToken(token)));
        refused(() -> connect.listPhoneNumbersV2(r -> r.nextToken(instanceToken)));
        String queuesOfA = connect.listQueues(r -> r.instanceId(a.instanceId).maxResults(1)).nextToken();
        refused(() -> connect.listPhoneNumbersV2(r -> r.instanceId(a.instanceId).nextToken(queuesOfA)));
    }

    @Test
    void listSecurityProfilePermissionsRefusesForgedAndForeignTokens() {
        String supervisor = profile(a, "Supervisor");
        String lead = profile(a, "Lead");
        // The old form was a plain position: "1" must be refused like any other token it did not return.
        refusesAll(token -> connect.listSecurityProfilePermissions(r -> r.instanceId(a.instanceId).securityProfileId(supervisor).nextToken(token)));
        refused(() -> connect.listSecurityProfilePermissions(r -> r.instanceId(a.instanceId).securityProfileId(supervisor).nextToken("1")));
        var first = connect.listSecurityProfilePermissions(r -> r.instanceId(a.instanceId).securityProfileId(supervisor).maxResults(2));
        refused(() -> connect.listSecurityProfilePermissions(r -> r.instanceId(a.instanceId).securityProfileId(lead).nextToken(first.nextToken())));
        assertThat(connect.listSecurityProfilePermissions(r -> r.instanceId(a.instanceId).securityProfileId(supervisor)
                .nextToken(first.nextToken())).permissions()).containsExactly("ListenCallRecordings");
    }

    @Test
    void listQueueQuickConnectsRefusesForgedAndForeignTokens() {
        String queue = a.basicQueue();
        List<String> quickConnects = List.of(quickConnect(a, "one"), quickConnect(a, "two"), quickConnect(a, "three"));
        connect.associateQueueQuickConnects(r -> r.instanceId(a.instanceId).queueId(queue).quickConnectIds(quickConnects));
        // The old form was the last id: a bare id must be refused too.
        refusesAll(token -> connect.listQueueQuickConnects(r -> r.instanceId(a.instanceId).queueId(queue).nextToken(token)));
        refused(() -> connect.listQueueQuickConnects(r -> r.instanceId(a.instanceId).queueId(queue).nextToken(quickConnects.get(0))));
        var first = connect.listQueueQuickConnects(r -> r.instanceId(a.instanceId).queueId(queue).maxResults(2));
        refused(() -> connect.listQueueQuickConnects(r -> r.instanceId(b.instanceId).queueId(b.basicQueue()).nextToken(first.nextToken())));
        refused(() -> connect.listQueues(r -> r.instanceId(a.instanceId).nextToken(first.nextToken())));
        var second = connect.listQueueQuickConnects(r -> r.instanceId(a.instanceId).queueId(queue).nextToken(first.nextToken()));
        assertThat(second.quickConnectSummaryList()).hasSize(1);
        assertThat(second.nextToken()).isNull();
    }

    private String profile(Fixtures instance, String name) {
        return connect.createSecurityProfile(r -> r.instanceId(instance.instanceId).securityProfileName(name)
                .permissions("BasicAgentAccess", "OutboundCallAccess", "ListenCallRecordings")).securityProfileId();
    }

    private String quickConnect(Fixtures instance, String name) {
        return connect.createQuickConnect(r -> r.instanceId(instance.instanceId).name(name)
                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.PHONE_NUMBER).phoneConfig(p -> p.phoneNumber("+12065550100"))))
                .quickConnectId();
    }

    /** One page of one result: BasicQueue's row, hour by hour over three hours. */
    private GetMetricDataV2Response metricsV2(String arn, String queue, String token) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        return connect.getMetricDataV2(r -> r.resourceArn(arn).startTime(end.minus(3, ChronoUnit.HOURS)).endTime(end)
                .interval(i -> i.intervalPeriod(IntervalPeriod.HOUR).timeZone("UTC"))
                .filters(f -> f.filterKey("QUEUE").filterValues(queue))
                .metrics(m -> m.name("CONTACTS_HANDLED")).maxResults(1).nextToken(token));
    }

    private static void refusesAll(Consumer<String> call) {
        for (String token : FORGED) {
            refused(() -> call.accept(token));
        }
    }

    private static void refused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("NextToken");
        });
    }
}
