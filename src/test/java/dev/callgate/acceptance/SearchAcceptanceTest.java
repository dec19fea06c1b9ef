package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.AgentStatus;
import software.amazon.awssdk.services.connect.model.ContactFlow;
import software.amazon.awssdk.services.connect.model.HierarchyGroup;
import software.amazon.awssdk.services.connect.model.HoursOfOperation;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.Prompt;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.QuickConnect;
import software.amazon.awssdk.services.connect.model.QuickConnectType;
import software.amazon.awssdk.services.connect.model.RoutingProfile;
import software.amazon.awssdk.services.connect.model.SearchQueuesResponse;
import software.amazon.awssdk.services.connect.model.SecurityProfileSearchSummary;
import software.amazon.awssdk.services.connect.model.StringComparisonType;
import software.amazon.awssdk.services.connect.model.StringCondition;
import software.amazon.awssdk.services.connect.model.UserSearchSummary;

/** The Search* operations: string conditions nested in OR and AND, tag filters, pages, through the Java SDK. */
class SearchAcceptanceTest extends ServerSuite {
    private Fixtures fx;

    @BeforeEach
    void newInstance() {
        fx = Fixtures.newInstance(connect, "search");
    }

    @Test
    void queuesMatchNestedConditionsAndTagsPageByPage() {
        for (String name : new String[] {"Sales EMEA", "Sales US", "Support"}) {
            connect.createQueue(r -> r.instanceId(fx.instanceId).name(name).hoursOfOperationId(fx.basicHours())
                    .tags(Map.of("team", name.startsWith("Sales") ? "sales" : "care")));
        }
        SearchQueuesResponse first = connect.searchQueues(r -> r.instanceId(fx.instanceId).maxResults(1)
                .searchCriteria(c -> c.stringCondition(name("sales", StringComparisonType.STARTS_WITH))));
        assertThat(first.approximateTotalCount()).isEqualTo(2);
        assertThat(first.queues()).hasSize(1);
        SearchQueuesResponse second = connect.searchQueues(r -> r.instanceId(fx.instanceId).maxResults(1).nextToken(first.nextToken())
                .searchCriteria(c -> c.stringCondition(name("sales", StringComparisonType.STARTS_WITH))));
        assertThat(second.queues()).extracting(Queue::name).doesNotContainAnyElementsOf(first.queues().stream().map(Queue::name).toList());
        assertThat(second.nextToken()).isNull();

        assertThat(connect.searchQueues(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .orConditions(o -> o.stringCondition(name("Support", StringComparisonType.EXACT)),
                        o -> o.stringCondition(name("US", StringComparisonType.CONTAINS))))).queues())
                .extracting(Queue::name).containsExactlyInAnyOrder("Support", "Sales US");
        assertThat(connect.searchQueues(r -> r.instanceId(fx.instanceId)
                .searchFilter(f -> f.tagFilter(t -> t.tagCondition(tc -> tc.tagKey("team").tagValue("care"))))).queues())
                .extracting(Queue::name).containsExactly("Support");
        assertThatThrownBy(() -> connect.searchQueues(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .stringCondition(s -> s.fieldName("colour").value("x").comparisonType(StringComparisonType.EXACT)))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("colour");
    }

    @Test
    void everyFamilySearchesByName() {
        String queue = fx.queue("Sales");
        fx.routingProfile("Sales agents", queue);
        fx.hours("Sales hours");
        fx.flow("Sales flow");
        fx.user("sales.lead");
        connect.createSecurityProfile(r -> r.instanceId(fx.instanceId).securityProfileName("Sales supervisor"));
        connect.createQuickConnect(r -> r.instanceId(fx.instanceId).name("Sales desk")
                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.PHONE_NUMBER).phoneConfig(p -> p.phoneNumber("+12065550100"))));
        connect.createPrompt(r -> r.instanceId(fx.instanceId).name("Sales greeting").s3Uri("s3://prompts/sales.wav"));
        connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("Sales team"));
        StringCondition sales = name("sales", StringComparisonType.CONTAINS);

        assertThat(connect.searchRoutingProfiles(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.stringCondition(sales)))
                .routingProfiles()).extracting(RoutingProfile::name).containsExactly("Sales agents");
        assertThat(connect.searchHoursOfOperations(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.stringCondition(sales)))
                .hoursOfOperations()).extracting(HoursOfOperation::name).containsExactly("Sales hours");
        assertThat(connect.searchContactFlows(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.stringCondition(sales)))
                .contactFlows()).extracting(ContactFlow::name).containsExactly("Sales flow");
        assertThat(connect.searchUsers(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.stringCondition(s -> s
                .fieldName("username").value("sales").comparisonType(StringComparisonType.STARTS_WITH)))).users())
                .extracting(UserSearchSummary::username).containsExactly("sales.lead");
        assertThat(connect.searchSecurityProfiles(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.stringCondition(sales)))
                .securityProfiles()).extracting(SecurityProfileSearchSummary::securityProfileName).containsExactly("Sales supervisor");
        assertThat(connect.searchQuickConnects(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.stringCondition(sales)))
                .quickConnects()).extracting(QuickConnect::name).containsExactly("Sales desk");
        assertThat(connect.searchPrompts(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.stringCondition(sales)))
                .prompts()).extracting(Prompt::name).containsExactly("Sales greeting");
        assertThat(connect.searchUserHierarchyGroups(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.stringCondition(sales)))
                .userHierarchyGroups()).extracting(HierarchyGroup::name).containsExactly("Sales team");
        assertThat(connect.searchAgentStatuses(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .stringCondition(name("Available", StringComparisonType.EXACT)))).agentStatuses())
                .extracting(AgentStatus::name).containsExactly("Available");
    }

    private static StringCondition name(String value, StringComparisonType comparison) {
        return StringCondition.builder().fieldName("name").value(value).comparisonType(comparison).build();
    }
}
