package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.testing.Fixtures;
import dev.callgate.testing.RawAws;
import dev.callgate.testing.ServerSuite;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.AgentStatus;
import software.amazon.awssdk.services.connect.model.AgentStatusState;
import software.amazon.awssdk.services.connect.model.ContactFlow;
import software.amazon.awssdk.services.connect.model.ContactFlowModule;
import software.amazon.awssdk.services.connect.model.ContactFlowModuleState;
import software.amazon.awssdk.services.connect.model.ContactFlowModuleStatus;
import software.amazon.awssdk.services.connect.model.ContactFlowSearchCriteria;
import software.amazon.awssdk.services.connect.model.ContactFlowSearchFilter;
import software.amazon.awssdk.services.connect.model.ContactFlowState;
import software.amazon.awssdk.services.connect.model.ContactFlowStatus;
import software.amazon.awssdk.services.connect.model.ContactFlowType;
import software.amazon.awssdk.services.connect.model.HierarchyGroup;
import software.amazon.awssdk.services.connect.model.HierarchyGroupCondition;
import software.amazon.awssdk.services.connect.model.HierarchyGroupMatchType;
import software.amazon.awssdk.services.connect.model.HoursOfOperation;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.Prompt;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.QuickConnect;
import software.amazon.awssdk.services.connect.model.QuickConnectType;
import software.amazon.awssdk.services.connect.model.RoutingProfile;
import software.amazon.awssdk.services.connect.model.SearchQueuesResponse;
import software.amazon.awssdk.services.connect.model.SearchableQueueType;
import software.amazon.awssdk.services.connect.model.SecurityProfileSearchSummary;
import software.amazon.awssdk.services.connect.model.StringComparisonType;
import software.amazon.awssdk.services.connect.model.StringCondition;
import software.amazon.awssdk.services.connect.model.TargetListType;
import software.amazon.awssdk.services.connect.model.UserSearchSummary;

/**
 * The Search* operations through the Java SDK: string conditions and each family's own conditions nested in OR
 * and AND, tag and attribute filters, pages; what Callgate cannot evaluate is refused, never ignored.
 */
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

    /** A page size is bounded by each operation's model (SearchQueues 1 to 500, SearchPrompts 1 to 100), not by one cap for every Search*. */
    @Test
    void pageSizeIsTheModelsRange() {
        fx.queue("Sales");
        assertThat(connect.searchQueues(r -> r.instanceId(fx.instanceId).maxResults(500)).queues()).extracting(Queue::name).contains("Sales");
        assertThatThrownBy(() -> connect.searchQueues(r -> r.instanceId(fx.instanceId).maxResults(501)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("MaxResults is 501; the model allows 1 to 500");
        assertThatThrownBy(() -> connect.searchPrompts(r -> r.instanceId(fx.instanceId).maxResults(101)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("MaxResults is 101; the model allows 1 to 100");
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

    @Test
    void familyConditionsAndAttributeFiltersAreEvaluatedAtAnyDepth() {
        fx.queue("Sales");
        assertThat(connect.searchQueues(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .orConditions(o -> o.queueTypeCondition(SearchableQueueType.STANDARD).stringCondition(name("Sales", StringComparisonType.EXACT)))))
                .queues()).extracting(Queue::name).containsExactly("Sales");

        String main = fx.flow("Main");
        connect.createContactFlow(r -> r.instanceId(fx.instanceId).name("Hold music").type(ContactFlowType.CUSTOMER_HOLD)
                .status(ContactFlowStatus.SAVED).content("{\"Version\":\"2019-10-30\",\"Actions\":[]}"));
        connect.updateContactFlowMetadata(r -> r.instanceId(fx.instanceId).contactFlowId(main).contactFlowState(ContactFlowState.ARCHIVED));
        assertThat(flows(c -> c.andConditions(a -> a.typeCondition(ContactFlowType.CUSTOMER_HOLD)), null))
                .containsExactly("Hold music");
        assertThat(flows(c -> c.stateCondition(ContactFlowState.ARCHIVED), null)).containsExactly("Main");
        assertThat(flows(c -> c.statusCondition(ContactFlowStatus.SAVED), null)).containsExactly("Hold music");
        assertThat(flows(null, f -> f.flowAttributeFilter(a -> a.orConditions(o -> o.contactFlowTypeCondition(t -> t
                .contactFlowType(ContactFlowType.CONTACT_FLOW))))))
                .contains("Main").doesNotContain("Hold music");

        String module = connect.createContactFlowModule(r -> r.instanceId(fx.instanceId).name("Greeting")
                .content("{\"Version\":\"2019-10-30\",\"StartAction\":\"a\",\"Actions\":[]}")).id();
        assertThat(connect.searchContactFlowModules(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .stateCondition(ContactFlowModuleState.ARCHIVED))).contactFlowModules()).isEmpty();
        assertThat(connect.searchContactFlowModules(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .orConditions(o -> o.statusCondition(ContactFlowModuleStatus.PUBLISHED)))).contactFlowModules())
                .extracting(ContactFlowModule::id).containsExactly(module);
        assertThat(connect.searchContactFlowModules(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .orConditions(o -> o.statusCondition(ContactFlowModuleStatus.SAVED)))).contactFlowModules()).isEmpty();

        connect.createAgentStatus(r -> r.instanceId(fx.instanceId).name("Lunch").state(AgentStatusState.ENABLED)
                .tags(Map.of("team", "care")));
        assertThat(connect.searchAgentStatuses(r -> r.instanceId(fx.instanceId).searchFilter(f -> f.attributeFilter(a -> a
                .orConditions(o -> o.tagConditions(t -> t.tagKey("team").tagValue("care")))))).agentStatuses())
                .extracting(AgentStatus::name).containsExactly("Lunch");
        connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("Care").tags(Map.of("team", "care")));
        connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("Sales"));
        assertThat(connect.searchUserHierarchyGroups(r -> r.instanceId(fx.instanceId).searchFilter(f -> f.attributeFilter(a -> a
                .andCondition(o -> o.tagConditions(t -> t.tagKey("team")))))).userHierarchyGroups())
                .extracting(HierarchyGroup::name).containsExactly("Care");
    }

    @Test
    void usersMatchTheirOwnHierarchyGroupAndWhatCannotBeEvaluatedIsRefusedNamingIt() {
        String group = connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("Care")).hierarchyGroupId();
        String grouped = fx.user("grouped");
        fx.user("loose");
        connect.updateUserHierarchy(r -> r.instanceId(fx.instanceId).userId(grouped).hierarchyGroupId(group));
        HierarchyGroupCondition exact = HierarchyGroupCondition.builder().value(group)
                .hierarchyGroupMatchType(HierarchyGroupMatchType.EXACT).build();
        assertThat(connect.searchUsers(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .orConditions(o -> o.hierarchyGroupCondition(exact)))).users())
                .extracting(UserSearchSummary::username).containsExactly("grouped");
        assertThat(connect.searchUsers(r -> r.instanceId(fx.instanceId).searchFilter(f -> f.userAttributeFilter(a -> a
                .andCondition(o -> o.hierarchyGroupCondition(exact))))).users())
                .extracting(UserSearchSummary::username).containsExactly("grouped");

        HierarchyGroupCondition children = exact.toBuilder().hierarchyGroupMatchType(HierarchyGroupMatchType.WITH_CHILD_GROUPS).build();
        assertThatThrownBy(() -> connect.searchUsers(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c.hierarchyGroupCondition(children))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("SearchCriteria.HierarchyGroupCondition.HierarchyGroupMatchType WITH_CHILD_GROUPS");
        assertThatThrownBy(() -> connect.searchUsers(r -> r.instanceId(fx.instanceId).searchCriteria(c -> c
                .andConditions(a -> a.listCondition(l -> l.targetListType(TargetListType.PROFICIENCIES)
                        .conditions(k -> k.stringCondition(name("x", StringComparisonType.EXACT))))))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("SearchCriteria.AndConditions.ListCondition");
        // Refused before the instance is looked up: the request is not one Callgate can answer anywhere.
        assertThatThrownBy(() -> connect.searchUsers(r -> r.instanceId("no-such-instance").searchCriteria(c -> c
                .listCondition(l -> l.targetListType(TargetListType.PROFICIENCIES)))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("SearchCriteria.ListCondition");
    }

    @Test
    void aMemberOfANewerModelInASearchIsRefusedNotIgnored() {
        RawAws raw = new RawAws(server.port(), ACCOUNT);
        HttpResponse<String> criteria = raw.send("POST", "/search-quick-connects", "{\"InstanceId\":\"" + fx.instanceId
                + "\",\"SearchCriteria\":{\"OrConditions\":[{\"QuickConnectTypeCondition\":\"USER\"}]}}");
        assertThat(criteria.statusCode()).isEqualTo(400);
        assertThat(criteria.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterException");
        assertThat(criteria.body()).contains("SearchCriteria.OrConditions[0].QuickConnectTypeCondition");
        HttpResponse<String> filter = raw.send("POST", "/search-queues", "{\"InstanceId\":\"" + fx.instanceId
                + "\",\"SearchFilter\":{\"TagFilter\":{\"TagCondition\":{\"TagKey\":\"a\"},\"NotConditions\":[]}}}");
        assertThat(filter.statusCode()).isEqualTo(400);
        assertThat(filter.body()).contains("SearchFilter.TagFilter.NotConditions");
        // Outside the search's criteria and filter, an unknown member is still ignored, as before.
        assertThat(raw.send("POST", "/search-queues", "{\"InstanceId\":\"" + fx.instanceId + "\",\"Colour\":\"red\"}").statusCode())
                .isEqualTo(200);
    }

    private List<String> flows(Consumer<ContactFlowSearchCriteria.Builder> criteria, Consumer<ContactFlowSearchFilter.Builder> filter) {
        return connect.searchContactFlows(r -> {
            r.instanceId(fx.instanceId);
            if (criteria != null) {
                r.searchCriteria(criteria);
            }
            if (filter != null) {
                r.searchFilter(filter);
            }
        }).contactFlows().stream().map(ContactFlow::name).toList();
    }

    private static StringCondition name(String value, StringComparisonType comparison) {
        return StringCondition.builder().fieldName("name").value(value).comparisonType(comparison).build();
    }
}
