package dev.callgate.connect;

import dev.callgate.aws.ServiceError;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.QueueEntry;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.quota.QuotaScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.connect.model.RoutingProfileQueueConfig;
import software.amazon.awssdk.services.connect.model.RoutingProfileQueueReference;

/**
 * A routing profile's queue entries, one per queue and channel, each a reference from the profile to
 * the queue carrying its priority and delay; and the quota "Queues per routing profile" that counts
 * them in the profile's own {@link QuotaScope}, opened with the instance's applied value. Every
 * change to entries goes through here, so the count and the entries never part.
 */
public final class RoutingProfileQueues {
    private RoutingProfileQueues() {
    }

    private static QuotaScope scope(String instanceId, String profileId) {
        return QuotaScope.routingProfile(instanceId, profileId);
    }

    public static QueueEntry entry(RoutingProfileQueueConfig config) {
        RoutingProfileQueueReference ref = config.queueReference();
        return new QueueEntry(ref.queueId(), ref.channelAsString(), config.priority(), config.delay());
    }

    /** Refuses with ResourceNotFoundException unless every entry names a standard queue of the instance, locking each. */
    public static void requireQueues(InstanceResources.Tx tx, List<QueueEntry> entries) throws SQLException {
        Set<String> locked = new HashSet<>();
        for (QueueEntry entry : entries) {
            if (locked.add(entry.queueId())) {
                tx.require(ResourceKind.QUEUE, entry.queueId());
            }
        }
    }

    /** Opens a new profile's scope and adds its first entries (whose queues {@link #requireQueues} checked). */
    public static void open(InstanceResources.Tx tx, String profileId, List<QueueEntry> entries) throws SQLException {
        tx.openScope(scope(tx.instance().id(), profileId), Quota.QUEUES_PER_ROUTING_PROFILE);
        charge(tx, profileId, entries);
    }

    /** Adds entries to a profile: each names a standard queue and is new to the profile; the profile's quota pays. */
    public static void add(InstanceResources.Tx tx, String profileId, List<QueueEntry> entries) throws SQLException {
        requireQueues(tx, entries);
        Set<String> existing = new HashSet<>();
        list(tx, profileId).forEach(e -> existing.add(e.queueId() + "/" + e.channel()));
        for (QueueEntry entry : entries) {
            if (existing.contains(entry.queueId() + "/" + entry.channel())) {
                throw ServiceError.invalidParameter("Queue " + entry.queueId() + " is already associated with routing profile "
                        + profileId + " on channel " + entry.channel() + ".");
            }
        }
        charge(tx, profileId, entries);
    }

    private static void charge(InstanceResources.Tx tx, String profileId, List<QueueEntry> entries) throws SQLException {
        tx.charge(scope(tx.instance().id(), profileId), Quota.QUEUES_PER_ROUTING_PROFILE, entries.size());
        for (QueueEntry entry : entries) {
            tx.ref(entry.ref(tx.instance().id(), profileId));
        }
    }

    /** Removes entries (queue and channel; priority and delay ignored) and gives their units back. */
    public static void remove(InstanceResources.Tx tx, String profileId, List<QueueEntry> entries) throws SQLException {
        for (QueueEntry entry : entries) {
            if (!tx.unref(entry.ref(tx.instance().id(), profileId))) {
                throw notAssociated(profileId, entry);
            }
        }
        if (!entries.isEmpty()) {
            tx.release(scope(tx.instance().id(), profileId), Quota.QUEUES_PER_ROUTING_PROFILE, entries.size());
        }
    }

    /** Changes the priority and delay of entries the profile already has. */
    public static void update(InstanceResources.Tx tx, String profileId, List<QueueEntry> entries) throws SQLException {
        Set<String> existing = new HashSet<>();
        list(tx, profileId).forEach(e -> existing.add(e.queueId() + "/" + e.channel()));
        for (QueueEntry entry : entries) {
            if (!existing.contains(entry.queueId() + "/" + entry.channel())) {
                throw notAssociated(profileId, entry);
            }
            tx.updateRef(entry.ref(tx.instance().id(), profileId));
        }
    }

    /** The profile's entries in {@link QueueEntry#key} order. */
    public static List<QueueEntry> list(InstanceResources.Tx tx, String profileId) throws SQLException {
        return tx.refsFrom(ResourceKind.ROUTING_PROFILE, profileId, Relations.QUEUE_ENTRY).stream()
                .map(QueueEntry::of)
                .sorted(Comparator.comparing(QueueEntry::key))
                .toList();
    }

    /** Drops a deleted profile's scope; its entries go with its references. */
    public static void drop(InstanceResources.Tx tx, String profileId) throws SQLException {
        tx.dropScope(scope(tx.instance().id(), profileId));
    }

    /** The entries' usage of each profile of an instance, by "ROUTING_PROFILE/{id}" in that order (the operator's view). */
    public static Map<String, Long> usageByProfile(Connection connection, QuotaLedger ledger, QuotaScope instance) throws SQLException {
        Map<String, Long> usage = new TreeMap<>();
        ledger.usagesInside(connection, instance, Quota.QUEUES_PER_ROUTING_PROFILE)
                .forEach((scope, used) -> usage.put(scope.resource(), used));
        return usage;
    }

    private static ServiceError notAssociated(String profileId, QueueEntry entry) {
        return ServiceError.invalidParameter("Queue " + entry.queueId() + " is not associated with routing profile "
                + profileId + " on channel " + entry.channel() + ".");
    }
}
