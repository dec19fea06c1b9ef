package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.testing.Calls;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;
import software.amazon.awssdk.services.connect.model.ContactSearchSummary;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.ReferenceType;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.SearchContactsRequest;
import software.amazon.awssdk.services.connect.model.SearchContactsResponse;
import software.amazon.awssdk.services.connect.model.SearchContactsTimeRange;
import software.amazon.awssdk.services.connect.model.SearchContactsTimeRangeType;
import software.amazon.awssdk.services.connect.model.SearchCriteria;
import software.amazon.awssdk.services.connect.model.SortOrder;
import software.amazon.awssdk.services.connect.model.SortableFieldName;

/**
 * SearchContacts and ListContactReferences through the SDK's ConnectClient, over contacts placed with
 * the simulated-call API on the virtual clock: A at t, B at t+10 s (still live), C at t+20 s; C ends at
 * t+50 s and A at t+60 s.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class ContactSearchAcceptanceTest extends ServerSuite {
    private Fixtures instance;
    private String a;
    private String b;
    private String c;
    private Instant t;

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withClock(Settings.ClockMode.VIRTUAL);
    }

    @BeforeEach
    void threeCalls() {
        instance = Fixtures.newInstance(connect, "contacts");
        String number = Calls.claimNumber(connect, instance.instanceId);
        Calls calls = new Calls(server.port(), ACCOUNT);
        a = calls.place(instance.instanceId, number, 60).path("contactId").asText();
        server.operator().advanceClock(10_000);
        b = calls.place(instance.instanceId, number, 3600).path("contactId").asText();
        server.operator().advanceClock(10_000);
        c = calls.place(instance.instanceId, number, 30).path("contactId").asText();
        server.operator().advanceClock(30_000);
        calls.live(instance.instanceId); // ends the calls due by now: C
        server.operator().advanceClock(10_000);
        calls.live(instance.instanceId); // A
        t = connect.describeContact(r -> r.instanceId(instance.instanceId).contactId(a)).contact().initiationTimestamp();
    }

    @Test
    void contactsInitiatedInTheRangeComeNewestFirstWithTheirSummaries() {
        SearchContactsResponse found = search(r -> r.timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 0, 20)));

        assertThat(found.contacts()).extracting(ContactSearchSummary::id).containsExactly(c, b, a);
        assertThat(found.totalCount()).isEqualTo(3);
        assertThat(found.nextToken()).isNull();
        ContactSearchSummary first = found.contacts().get(2);
        assertThat(first.arn()).endsWith("instance/" + instance.instanceId + "/contact/" + a);
        assertThat(first.initialContactId()).isEqualTo(a);
        assertThat(first.channel()).isEqualTo(Channel.VOICE);
        assertThat(first.initiationMethod()).isEqualTo(ContactInitiationMethod.INBOUND);
        assertThat(first.initiationTimestamp()).isEqualTo(t);
        assertThat(first.disconnectTimestamp()).isEqualTo(t.plusSeconds(60));
        assertThat(found.contacts().get(1).disconnectTimestamp()).as("B is still live").isNull();

        assertThat(ids(search(r -> r.timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 5, 15))))).containsExactly(b);
        assertThat(ids(search(r -> r.timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 21, 3600))))).isEmpty();
    }

    @Test
    void disconnectRangesAndEverySortOrder() {
        assertThat(ids(search(r -> r.timeRange(range(SearchContactsTimeRangeType.DISCONNECT_TIMESTAMP, 0, 3600))
                .sort(s -> s.fieldName(SortableFieldName.DISCONNECT_TIMESTAMP).order(SortOrder.ASCENDING))))).containsExactly(c, a);
        assertThat(ids(search(r -> r.timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 0, 3600))
                .sort(s -> s.fieldName(SortableFieldName.DISCONNECT_TIMESTAMP).order(SortOrder.DESCENDING)))))
                .as("a contact without the sort field comes last").containsExactly(a, c, b);
        assertThat(ids(search(r -> r.timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 0, 3600))
                .sort(s -> s.fieldName(SortableFieldName.INITIATION_TIMESTAMP).order(SortOrder.ASCENDING))))).containsExactly(a, b, c);
        for (SearchContactsTimeRangeType never : List.of(SearchContactsTimeRangeType.SCHEDULED_TIMESTAMP,
                SearchContactsTimeRangeType.CONNECTED_TO_AGENT_TIMESTAMP)) {
            assertThat(search(r -> r.timeRange(range(never, -3600, 3600))).totalCount()).as("no contact has a %s", never).isZero();
        }
    }

    @Test
    void thePaginatorWalksOneContactPerPageInSortOrder() {
        SearchContactsRequest request = SearchContactsRequest.builder().instanceId(instance.instanceId).maxResults(1)
                .timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 0, 3600))
                .sort(s -> s.fieldName(SortableFieldName.INITIATION_TIMESTAMP).order(SortOrder.ASCENDING)).build();

        List<SearchContactsResponse> pages = connect.searchContactsPaginator(request).stream().toList();

        assertThat(pages).hasSize(3).allSatisfy(page -> assertThat(page.totalCount()).isEqualTo(3));
        assertThat(pages.stream().flatMap(page -> page.contacts().stream()).map(ContactSearchSummary::id)).containsExactly(a, b, c);
        String token = pages.get(0).nextToken();
        assertThatThrownBy(() -> search(r -> r.timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 0, 3600))
                .nextToken(token))).as("a token of another sort").isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void criteriaCallgateCanAnswerFilterAndTheOthersAreRefusedByName() {
        assertThat(criteria(s -> s.channels(Channel.VOICE).initiationMethods(ContactInitiationMethod.INBOUND))).containsExactly(c, b, a);
        assertThat(criteria(s -> s.channels(Channel.CHAT))).isEmpty();
        assertThat(criteria(s -> s.initiationMethods(ContactInitiationMethod.OUTBOUND, ContactInitiationMethod.API))).isEmpty();
        assertThat(criteria(s -> s.queueIds("a0b1c2d3-0000-0000-0000-000000000000"))).as("no contact is queued").isEmpty();
        assertThat(criteria(s -> s.agentIds("a0b1c2d3-0000-0000-0000-000000000000"))).as("no contact has an agent").isEmpty();

        assertThatThrownBy(() -> criteria(s -> s.channels(Channel.VOICE)
                .searchableContactAttributes(attributes -> attributes.matchType("MATCH_ALL")
                        .criteria(criterion -> criterion.key("tier").values("gold")))
                .name(name -> name.matchType("MATCH_ANY").searchText("x"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("SearchCriteria.Name, SearchCriteria.SearchableContactAttributes");
    }

    @Test
    void malformedSearchesAreRefusedAndOtherInstancesAreNotSearched() {
        assertThatThrownBy(() -> search(r -> r.timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 10, 0))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("StartTime");
        assertThatThrownBy(() -> search(r -> r.timeRange((SearchContactsTimeRange) null)))
                .hasMessageContaining("TimeRange");
        assertThatThrownBy(() -> search(r -> r.maxResults(101).timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 0, 1))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("MaxResults");
        assertThatThrownBy(() -> connect.searchContacts(r -> r.instanceId("a0b1c2d3-0000-0000-0000-000000000000")
                .timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 0, 1))))
                .isInstanceOf(ResourceNotFoundException.class);

        Fixtures other = Fixtures.newInstance(connect, "other");
        assertThat(connect.searchContacts(r -> r.instanceId(other.instanceId)
                .timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, -3600, 3600))).contacts()).isEmpty();
    }

    @Test
    void contactsHaveNoReferences() {
        var references = connect.listContactReferences(r -> r.instanceId(instance.instanceId).contactId(b)
                .referenceTypes(ReferenceType.URL, ReferenceType.ATTACHMENT));
        assertThat(references.referenceSummaryList()).isEmpty();
        assertThat(references.nextToken()).isNull();
        assertThat(connect.listContactReferencesPaginator(r -> r.instanceId(instance.instanceId).contactId(a)
                .referenceTypes(ReferenceType.URL)).referenceSummaryList()).isEmpty();

        assertThatThrownBy(() -> connect.listContactReferences(r -> r.instanceId(instance.instanceId)
                .contactId("a0b1c2d3-0000-0000-0000-000000000000").referenceTypes(ReferenceType.URL)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Contact a0b1c2d3-0000-0000-0000-000000000000 not found");
        assertThatThrownBy(() -> connect.listContactReferences(r -> r.instanceId("a0b1c2d3-0000-0000-0000-000000000000")
                .contactId(a).referenceTypes(ReferenceType.URL))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> connect.listContactReferences(r -> r.instanceId(instance.instanceId).contactId(a)))
                .hasMessageContaining("referenceTypes");
        assertThatThrownBy(() -> connect.listContactReferences(r -> r.instanceId(instance.instanceId).contactId(a)
                .referenceTypes(ReferenceType.URL).nextToken("cg1.forged.token"))).isInstanceOf(InvalidRequestException.class);
    }

    private SearchContactsResponse search(Consumer<SearchContactsRequest.Builder> request) {
        return connect.searchContacts(r -> request.accept(r.instanceId(instance.instanceId)));
    }

    private List<String> criteria(Consumer<SearchCriteria.Builder> criteria) {
        return ids(search(r -> r.timeRange(range(SearchContactsTimeRangeType.INITIATION_TIMESTAMP, 0, 3600)).searchCriteria(criteria)));
    }

    /** A range from {@code from} to {@code to} seconds after A started. */
    private SearchContactsTimeRange range(SearchContactsTimeRangeType type, long from, long to) {
        return SearchContactsTimeRange.builder()
                .type(type).startTime(t.plusSeconds(from)).endTime(t.plusSeconds(to)).build();
    }

    private static List<String> ids(SearchContactsResponse response) {
        return response.contacts().stream().map(ContactSearchSummary::id).toList();
    }
}
