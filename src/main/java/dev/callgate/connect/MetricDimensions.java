package dev.callgate.connect;

import dev.callgate.Callgate;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRows;
import dev.callgate.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.connect.model.Channel;

/**
 * The rows a metric query answers with: one per combination of its groupings' values over the
 * instance's real resources (queues, routing profiles, agents) and channels, narrowed by its
 * filters, in a stable order that pagination can resume from. Without groupings there is one row.
 */
final class MetricDimensions {
    static final String QUEUE = "QUEUE";
    static final String CHANNEL = "CHANNEL";
    static final String ROUTING_PROFILE = "ROUTING_PROFILE";
    static final String AGENT = "AGENT";
    private static final Map<String, ResourceKind> KINDS = Map.of(
            QUEUE, ResourceKind.QUEUE, ROUTING_PROFILE, ResourceKind.ROUTING_PROFILE, AGENT, ResourceKind.USER);
    private static final int MAX_FILTER_VALUES = 100;

    private final Store store;
    private final ResourceRows resources = new ResourceRows();

    MetricDimensions(Store store) {
        this.store = store;
    }

    /** One row: its value per grouping, in grouping order, and the key that orders and resumes pages. */
    record Row(Map<String, String> values, String key) {
    }

    /**
     * @param supported the groupings this operation accepts
     * @param filters   values by grouping name (ids or ARNs for resources); a grouping without a filter spans all
     */
    List<Row> rows(InstanceRow instance, List<String> groupings, Set<String> supported, Map<String, List<String>> filters) {
        List<Row> rows = List.of(new Row(Map.of(), ""));
        for (String grouping : groupings) {
            if (!supported.contains(grouping)) {
                throw ServiceError.invalidParameter("Grouping " + grouping + " is not supported by Callgate for this operation; use "
                        + String.join(", ", supported.stream().sorted().toList()) + ".");
            }
            List<String> values = values(instance, grouping, filters.get(grouping));
            List<Row> product = new ArrayList<>();
            for (Row row : rows) {
                for (String value : values) {
                    Map<String, String> combined = new LinkedHashMap<>(row.values());
                    combined.put(grouping, value);
                    product.add(new Row(combined, row.key().isEmpty() ? value : row.key() + "|" + value));
                }
            }
            rows = product;
        }
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            if (!groupings.contains(filter.getKey()) && isDimension(filter.getKey())) {
                values(instance, filter.getKey(), filter.getValue()); // a filter that only narrows must still name real things
            }
        }
        return rows;
    }

    /** The values of one grouping: the filter's (each checked to exist) or every one the instance has, sorted. */
    private List<String> values(InstanceRow instance, String grouping, List<String> filter) {
        if (filter != null && filter.size() > MAX_FILTER_VALUES) {
            throw ServiceError.invalidParameter("A " + grouping + " filter takes at most " + MAX_FILTER_VALUES + " values; got " + filter.size() + ".");
        }
        if (grouping.equals(CHANNEL)) {
            List<String> channels = Channel.knownValues().stream().map(Channel::toString).sorted().toList();
            if (filter == null) {
                return channels;
            }
            for (String channel : filter) {
                if (!channels.contains(channel)) {
                    throw ServiceError.invalidParameter("Channel " + channel + " is not one of " + String.join(", ", channels) + ".");
                }
            }
            return filter.stream().distinct().sorted().toList();
        }
        ResourceKind kind = KINDS.get(grouping);
        List<String> existing = store.read(c -> resources.ids(c, instance.id(), kind.name()));
        if (filter == null) {
            return existing;
        }
        List<String> ids = filter.stream().map(MetricDimensions::lastSegment).distinct().sorted().toList();
        for (String id : ids) {
            if (!existing.contains(id)) {
                throw ServiceError.notFound(kind.name().replace('_', ' ').toLowerCase() + " " + id + " not found in instance " + instance.id() + ".");
            }
        }
        return ids;
    }

    private static boolean isDimension(String name) {
        return name.equals(CHANNEL) || KINDS.containsKey(name);
    }

    // A filter value may be an id or an ARN (…/queue/{id}); the id is the last path segment either way.
    private static String lastSegment(String idOrArn) {
        return idOrArn.substring(idOrArn.lastIndexOf('/') + 1);
    }
}
