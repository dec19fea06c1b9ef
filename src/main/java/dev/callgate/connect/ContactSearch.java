package dev.callgate.connect;

import dev.callgate.aws.ServiceError;
import dev.callgate.calls.ContactRow;
import dev.callgate.calls.Switchboard;
import dev.callgate.instance.Arns;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.Pages;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.ContactSearchSummary;
import software.amazon.awssdk.services.connect.model.SearchContactsRequest;
import software.amazon.awssdk.services.connect.model.SearchContactsResponse;
import software.amazon.awssdk.services.connect.model.SearchContactsTimeRange;
import software.amazon.awssdk.services.connect.model.SearchCriteria;
import software.amazon.awssdk.services.connect.model.Sort;
import software.amazon.awssdk.services.connect.model.SortOrder;
import software.amazon.awssdk.services.connect.model.SortableFieldName;

/**
 * SearchContacts over Callgate's contacts, which are all voice calls with no queue, agent, schedule,
 * name, attributes or analysis. The time range and the criteria Callgate can answer (Channels,
 * InitiationMethods, QueueIds and AgentIds, which no contact matches) are evaluated; any other
 * criterion is refused with InvalidParameterException naming it, never ignored. Results are sorted by
 * Sort (default: initiation time, newest first), nulls last, then by contact id, and paged by the key of
 * the last contact returned, so a page stays in place while calls start and end.
 */
final class ContactSearch {
    private static final int DEFAULT_PAGE = 100;
    private static final Set<String> ANSWERED = Set.of("Channels", "InitiationMethods", "QueueIds", "AgentIds");

    private final Switchboard switchboard;

    ContactSearch(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    /** Refuses what cannot be evaluated (well-formedness: before the instance is looked up). */
    static void check(SearchContactsRequest request) {
        SearchContactsTimeRange range = request.timeRange();
        if (range.startTime().isAfter(range.endTime())) {
            throw ServiceError.invalidParameter("TimeRange.StartTime " + range.startTime() + " is after TimeRange.EndTime "
                    + range.endTime() + ".");
        }
        SearchCriteria criteria = request.searchCriteria();
        if (criteria == null) {
            return;
        }
        List<String> unanswerable = criteria.sdkFields().stream()
                .filter(field -> given(field.getValueOrDefault(criteria)) && !ANSWERED.contains(field.memberName()))
                .map(field -> "SearchCriteria." + field.memberName()).toList();
        if (!unanswerable.isEmpty()) {
            throw ServiceError.invalidParameter("Callgate cannot evaluate " + String.join(", ", unanswerable)
                    + ": its contacts carry no such data. It searches by TimeRange, Channels, InitiationMethods, QueueIds and AgentIds.");
        }
    }

    /** Whether a member was sent: the SDK stands in an empty auto-construct list or map for an absent one. */
    private static boolean given(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    SearchContactsResponse search(InstanceRow instance, SearchContactsRequest request) {
        Sort sort = request.sort(); // its FieldName and Order are required
        Order order = sort == null ? new Order(SortableFieldName.INITIATION_TIMESTAMP, SortOrder.DESCENDING)
                : new Order(sort.fieldName(), sort.order());
        Pages.Cursor cursor = Pages.cursor("SearchContacts/" + order.field() + "," + order.direction() + "@" + instance.id(),
                request.maxResults(), DEFAULT_PAGE, request.nextToken());
        List<Keyed> matches = inRange(instance, request.timeRange()).stream()
                .filter(matching(request.searchCriteria())).map(order::keyed).sorted(Comparator.comparing(Keyed::key, order)).toList();
        SortKey last = cursor.after() == null ? null : SortKey.parse(cursor.after());
        List<Keyed> after = last == null ? matches : matches.stream().filter(contact -> order.compare(contact.key(), last) > 0).toList();
        Pages.Page<Keyed> page = cursor.page(after.subList(0, Math.min(after.size(), cursor.size() + 1)), contact -> contact.key().text());
        return SearchContactsResponse.builder()
                .contacts(page.items().stream().map(contact -> summary(instance, contact.row())).toList())
                .totalCount((long) matches.size()).nextToken(page.nextToken()).build();
    }

    /** The contacts whose time of the range's type falls in it; none for the times no Callgate contact has. */
    private List<ContactRow> inRange(InstanceRow instance, SearchContactsTimeRange range) {
        ContactRow.Moment moment = switch (range.type()) {
            case INITIATION_TIMESTAMP -> ContactRow.Moment.INITIATED;
            case DISCONNECT_TIMESTAMP -> ContactRow.Moment.DISCONNECTED;
            default -> null; // scheduled, connected to an agent, enqueued: no contact ever is
        };
        return moment == null ? List.of() : switchboard.contacts(instance, moment, range.startTime(), range.endTime());
    }

    private static Predicate<ContactRow> matching(SearchCriteria criteria) {
        if (criteria == null) {
            return row -> true;
        }
        // An absent or empty list filters nothing; a contact has no queue and no agent, so any id excludes it.
        Predicate<ContactRow> channel = row -> criteria.channels().isEmpty() || criteria.channels().contains(Channel.VOICE);
        Predicate<ContactRow> method = row -> criteria.initiationMethods().isEmpty()
                || criteria.initiationMethodsAsStrings().contains(row.initiationMethod());
        Predicate<ContactRow> unqueued = row -> criteria.queueIds().isEmpty();
        Predicate<ContactRow> unassigned = row -> criteria.agentIds().isEmpty();
        return channel.and(method).and(unqueued).and(unassigned);
    }

    static String arn(InstanceRow instance, ContactRow row) {
        return Arns.instance(instance) + "/contact/" + row.id();
    }

    private static ContactSearchSummary summary(InstanceRow instance, ContactRow row) {
        return ContactSearchSummary.builder()
                .arn(arn(instance, row)).id(row.id()).initialContactId(row.id())
                .initiationMethod(row.initiationMethod()).channel(Channel.VOICE)
                .initiationTimestamp(Instant.ofEpochMilli(row.initiatedAt()))
                .disconnectTimestamp(row.disconnectedAt() == null ? null : Instant.ofEpochMilli(row.disconnectedAt()))
                .build();
    }

    /** A contact with its sort key, made once rather than at every comparison. */
    private record Keyed(ContactRow row, SortKey key) {
    }

    /**
     * A contact's place in a sort: the sorted field's value (null when the contact has none) and its id. As text,
     * {@code value/id} with {@code ~} for a null value: a page token carries the last contact's key so.
     */
    private record SortKey(String value, String id) {
        private static final String NULL = "~";

        String text() {
            return (value == null ? NULL : value) + "/" + id;
        }

        /** The key a page token carries (one Callgate made: its tag was checked, so it has the form of {@link #text()}). */
        static SortKey parse(String text) {
            int slash = text.lastIndexOf('/');
            String value = slash < 0 ? text : text.substring(0, slash);
            return new SortKey(value.equals(NULL) ? null : value, text.substring(slash + 1));
        }
    }

    /** A sort: by the field's value (nulls last in either direction), then by contact id. */
    private record Order(SortableFieldName field, SortOrder direction) implements Comparator<SortKey> {
        Keyed keyed(ContactRow row) {
            return new Keyed(row, new SortKey(value(row), row.id()));
        }

        @Override
        public int compare(SortKey a, SortKey b) {
            int byValue;
            if (a.value() == null || b.value() == null) {
                byValue = Boolean.compare(a.value() == null, b.value() == null);
            } else {
                byValue = direction == SortOrder.DESCENDING ? b.value().compareTo(a.value()) : a.value().compareTo(b.value());
            }
            return byValue != 0 ? byValue : a.id().compareTo(b.id());
        }

        /** The field's value as text that sorts like the value (times zero-padded), or null when the contact has none. */
        private String value(ContactRow row) {
            return switch (field) {
                case INITIATION_TIMESTAMP -> padded(row.initiatedAt());
                case DISCONNECT_TIMESTAMP -> row.disconnectedAt() == null ? null : padded(row.disconnectedAt());
                case INITIATION_METHOD -> row.initiationMethod();
                case CHANNEL -> Channel.VOICE.toString();
                default -> null; // scheduled, connected to an agent, expiry: no Callgate contact has them
            };
        }

        private static String padded(long millis) {
            return String.format("%020d", millis);
        }
    }
}
