package dev.callgate.instance;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.SdkJson;
import dev.callgate.aws.ServiceError;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.quota.QuotaScope;
import dev.callgate.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The one mechanism every resource family inside an instance goes through (limits.md §3): a create
 * checks what the new resource refers to, inserts its row (the unique name index refuses a duplicate)
 * and then charges the quotas, in one transaction; a delete refuses while another resource refers to
 * the resource, then drops its references and gives the slot back. Families add only their own rules,
 * in callbacks that run inside the same transaction.
 */
public final class InstanceResources {
    private final Store store;
    private final InstanceService instances;
    private final QuotaLedger ledger;
    private final Clock clock;
    private final ResourceRows rows = new ResourceRows();
    private final RefRows refs = new RefRows();

    public InstanceResources(Store store, InstanceService instances, QuotaLedger ledger, Clock clock) {
        this.store = store;
        this.instances = instances;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Store store() {
        return store;
    }

    /** The caller's instance named by an id or ARN, opened; another account's is not found. */
    public InstanceRow instance(Caller caller, String idOrArn) {
        return instances.findOpened(caller, idOrArn);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Creates a resource in the caller's instance: see {@link #create(InstanceRow, ResourceKind, String, Creation, Charges)}. */
    public Draft create(Caller caller, String instanceRef, ResourceKind kind, String name, Creation creation) {
        return create(instance(caller, instanceRef), kind, name, creation, Charges.NONE);
    }

    public Draft create(InstanceRow instance, ResourceKind kind, String name, Creation creation) {
        return create(instance, kind, name, creation, Charges.NONE);
    }

    /**
     * Creates a resource in one transaction, its refusals in the order every create follows (the family
     * checked the request's form, and {@link #instance} that the instance is the caller's): the family's
     * {@code creation} checks that what the resource refers to exists and returns its description; the row
     * is inserted, refused if its name is taken; then one unit of the kind's quota is charged, and the
     * family's own {@code charges}. Any refusal on the way rolls everything back: it charges nothing.
     */
    public Draft create(InstanceRow instance, ResourceKind kind, String name, Creation creation, Charges charges) {
        String id = UUID.randomUUID().toString();
        Draft draft = new Draft(instance, id, kind.arnSegment() == null ? null : Arns.resource(instance, kind, id), now());
        store.inTransaction(c -> {
            Tx tx = new Tx(c, instance, draft.now());
            tx.add(kind, id, name, creation.body(tx, draft));
            charges.charge(tx, draft);
            return null;
        });
        return draft;
    }

    /** A resource of the caller's instance, or ResourceNotFoundException. */
    public ResourceRow find(Caller caller, String instanceRef, ResourceKind kind, String id) {
        InstanceRow instance = instance(caller, instanceRef);
        return store.read(c -> rows.find(c, instance.id(), kind.name(), id)).orElseThrow(() -> notFound(instance, kind, id));
    }

    /** A resource's description, decoded into its SDK shape through {@code builder}. */
    public <T extends SdkPojo> T describe(Caller caller, String instanceRef, ResourceKind kind, String id, SdkPojo builder) {
        return SdkJson.decodeStored(find(caller, instanceRef, kind, id).body(), builder);
    }

    /** A page of an instance's resources of some kinds, in id order. */
    public Page list(Caller caller, String instanceRef, List<ResourceKind> kinds, Integer maxResults, String nextToken,
                     int defaultSize) {
        InstanceRow instance = instance(caller, instanceRef);
        List<String> kindNames = kinds.stream().map(Enum::name).toList();
        Pages.Cursor cursor = Pages.cursor(String.join(",", kindNames) + "@" + instance.id(), maxResults, defaultSize, nextToken);
        var page = cursor.page(store.read(c -> rows.page(c, instance.id(), kindNames, cursor.after(), cursor.size() + 1)), ResourceRow::id);
        return new Page(page.items(), page.nextToken());
    }

    /** A page of one kind's resources across all the caller's instances in its region, in id order. */
    public Page listAcrossInstances(Caller caller, ResourceKind kind, Integer maxResults, String nextToken, int defaultSize) {
        Pages.Cursor cursor = Pages.cursor(kind.name() + "@" + caller.accountId() + "/" + caller.region(), maxResults, defaultSize, nextToken);
        var page = cursor.page(store.read(c -> rows.pageForAccount(c, caller.accountId(), caller.region(), kind.name(),
                cursor.after(), cursor.size() + 1)), ResourceRow::id);
        return new Page(page.items(), page.nextToken());
    }

    /** Changes a resource: {@code change} gets it locked and returns its new body (or null to keep it). */
    public ResourceRow update(Caller caller, String instanceRef, ResourceKind kind, String id, Change change) {
        return inTransaction(instance(caller, instanceRef), tx -> {
            ResourceRow row = tx.require(kind, id);
            String body = change.body(tx, row);
            return body == null ? row : tx.update(row, body);
        });
    }

    /**
     * Changes a resource's name, when {@code name} is given and differs (names stay unique per instance),
     * and its description, in one transaction: a refused rename changes nothing.
     */
    public ResourceRow revise(Caller caller, String instanceRef, ResourceKind kind, String id, String name, Change change) {
        return inTransaction(instance(caller, instanceRef), tx -> {
            ResourceRow row = tx.require(kind, id);
            if (name != null && !name.equals(row.name())) {
                row = tx.rename(row, name);
            }
            String body = change.body(tx, row);
            return body == null ? row : tx.update(row, body);
        });
    }

    /**
     * The resources of one kind that {@code filter} keeps (the Search* operations), a page of them in id
     * order, and how many match in all.
     */
    public Found search(Caller caller, String instanceRef, ResourceKind kind, Predicate<ResourceRow> filter, Integer maxResults,
                        String nextToken, int defaultSize) {
        InstanceRow instance = instance(caller, instanceRef);
        Pages.Cursor cursor = Pages.cursor("search:" + kind.name() + "@" + instance.id(), maxResults, defaultSize, nextToken);
        List<ResourceRow> matches = read(instance, tx -> tx.all(kind)).stream().filter(filter).toList();
        var page = cursor.slice(matches, ResourceRow::id);
        return new Found(new Page(page.items(), page.nextToken()), matches.size());
    }

    /**
     * Deletes a resource: {@code before} runs first with the row locked (its family's own refusals and
     * cascades); then any reference still held to it refuses with ResourceInUseException; otherwise
     * its own references go, the row goes and its quota slot is given back.
     */
    public void delete(Caller caller, String instanceRef, ResourceKind kind, String id, Deletion before) {
        inTransaction(instance(caller, instanceRef), tx -> {
            tx.delete(tx.require(kind, id), before);
            return null;
        });
    }

    /** Deletes the resource of a kind with a given name, as {@link #delete} does by id. */
    public void deleteNamed(Caller caller, String instanceRef, ResourceKind kind, String name, Deletion before) {
        InstanceRow instance = instance(caller, instanceRef);
        inTransaction(instance, tx -> {
            ResourceRow row = tx.findByName(kind, name).orElseThrow(() -> ServiceError.notFound(
                    kind.title() + " '" + name + "' is not associated with instance " + instance.id() + "."));
            tx.delete(tx.require(kind, row.id()), before);
            return null;
        });
    }

    /** Runs {@code work} in one transaction on the instance. */
    public <T> T inTransaction(InstanceRow instance, Work<T> work) {
        return store.inTransaction(c -> work.run(new Tx(c, instance, now())));
    }

    /** Runs read-only {@code work} on the instance, outside any transaction. */
    public <T> T read(InstanceRow instance, Work<T> work) {
        return store.read(c -> work.run(new Tx(c, instance, now())));
    }

    public static String json(SdkPojo description) {
        return SdkJson.encodeToString(description);
    }

    public static <T extends SdkPojo> T decode(ResourceRow row, SdkPojo builder) {
        return SdkJson.decodeStored(row.body(), builder);
    }

    public static ServiceError notFound(InstanceRow instance, ResourceKind kind, String id) {
        return ServiceError.notFound(kind.title() + " " + id + " not found in instance " + instance.id() + ".");
    }

    /** The id, ARN and time of a resource being created. */
    public record Draft(InstanceRow instance, String id, String arn, Instant now) {
        public String region() {
            return instance.region();
        }
    }

    /** A page of resources and the token of the next page (null on the last one). */
    public record Page(List<ResourceRow> rows, String nextToken) {
    }

    /** A page of search results and the number of matches in all pages. */
    public record Found(Page page, long total) {
    }

    /** A family's part of a create: checks that what it refers to exists, records the references; returns the stored description. */
    @FunctionalInterface
    public interface Creation {
        String body(Tx tx, Draft draft) throws SQLException;
    }

    /** A family's quotas other than its kind's, charged last (a routing profile's queue entries). */
    @FunctionalInterface
    public interface Charges {
        Charges NONE = (tx, draft) -> { };

        void charge(Tx tx, Draft draft) throws SQLException;
    }

    /** A family's part of an update: returns the new description, or null when nothing changes. */
    @FunctionalInterface
    public interface Change {
        String body(Tx tx, ResourceRow row) throws SQLException;
    }

    /** A family's part of a delete, run with the row locked before the generic in-use check. */
    @FunctionalInterface
    public interface Deletion {
        Deletion NONE = (tx, row) -> { };

        void before(Tx tx, ResourceRow row) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** One transaction on one instance's resources, references and quotas. */
    public final class Tx {
        private final Connection connection;
        private final InstanceRow instance;
        private final Instant now;

        private Tx(Connection connection, InstanceRow instance, Instant now) {
            this.connection = connection;
            this.instance = instance;
            this.now = now;
        }

        public Connection connection() {
            return connection;
        }

        public InstanceRow instance() {
            return instance;
        }

        public Instant now() {
            return now;
        }

        /** This same transaction on another instance (a phone number moving between two of the caller's instances). */
        public Tx on(InstanceRow other) {
            return new Tx(connection, other, now);
        }

        /** The resource, locked for the rest of the transaction, or ResourceNotFoundException. */
        public ResourceRow require(ResourceKind kind, String id) throws SQLException {
            if (id == null || id.isEmpty()) {
                throw ServiceError.invalidParameter(kind.title() + " id must not be empty.");
            }
            return rows.lock(connection, instance.id(), kind.name(), id).orElseThrow(() -> notFound(instance, kind, id));
        }

        public Optional<ResourceRow> find(ResourceKind kind, String id) throws SQLException {
            return rows.find(connection, instance.id(), kind.name(), id);
        }

        /** Every resource of a kind in the instance, in id order. */
        public List<ResourceRow> all(ResourceKind kind) throws SQLException {
            return rows.page(connection, instance.id(), List.of(kind.name()), null, Integer.MAX_VALUE);
        }

        public Optional<ResourceRow> findByName(ResourceKind kind, String name) throws SQLException {
            return rows.findByName(connection, instance.id(), kind.name(), name);
        }

        /** Inserts a resource row; a name already taken in the instance refuses with the kind's duplicate error. */
        public void insert(ResourceKind kind, String id, String name, String body) throws SQLException {
            try {
                rows.insert(connection, new ResourceRow(instance.id(), kind.name(), id, name, body, now.toEpochMilli()));
            } catch (SQLException e) {
                if (Store.isUniqueViolation(e)) {
                    throw duplicate(kind, name);
                }
                throw e;
            }
        }

        /** Inserts a resource row and charges one unit of its kind's quota: the counterpart of {@link #delete}. */
        public void add(ResourceKind kind, String id, String name, String body) throws SQLException {
            insert(kind, id, name, body);
            if (kind.quota() != null) {
                charge(kind.quota(), 1);
            }
        }

        /** Gives a resource a new name; a name already taken refuses with the kind's duplicate error. */
        public ResourceRow rename(ResourceRow row, String name) throws SQLException {
            ResourceRow renamed = new ResourceRow(row.instanceId(), row.kind(), row.id(), name, row.body(), row.modifiedAtMillis());
            try {
                rows.rename(connection, renamed);
            } catch (SQLException e) {
                if (Store.isUniqueViolation(e)) {
                    throw duplicate(ResourceKind.valueOf(row.kind()), name);
                }
                throw e;
            }
            return renamed;
        }

        public ResourceRow update(ResourceRow row, String body) throws SQLException {
            ResourceRow updated = new ResourceRow(row.instanceId(), row.kind(), row.id(), row.name(), body, now.toEpochMilli());
            rows.updateBody(connection, updated);
            return updated;
        }

        /** Deletes a locked row as {@link InstanceResources#delete} describes. */
        public void delete(ResourceRow row, Deletion before) throws SQLException {
            ResourceKind kind = ResourceKind.valueOf(row.kind());
            before.before(this, row);
            List<RefRow> holders = refs.to(connection, instance.id(), kind.name(), row.id(), 1);
            if (!holders.isEmpty()) {
                throw inUse(kind, row, holders.get(0));
            }
            refs.deleteFrom(connection, instance.id(), kind.name(), row.id());
            rows.delete(connection, instance.id(), kind.name(), row.id());
            if (kind.quota() != null) {
                release(kind.quota(), 1);
            }
        }

        /** Records that one resource refers to another. */
        public void ref(ResourceKind fromKind, String fromId, String relation, ResourceKind toKind, String toId)
                throws SQLException {
            ref(new RefRow(instance.id(), fromKind.name(), fromId, relation, toKind.name(), toId, null));
        }

        public void ref(RefRow ref) throws SQLException {
            refs.insert(connection, ref);
        }

        public boolean unref(RefRow ref) throws SQLException {
            return refs.delete(connection, ref);
        }

        public void updateRef(RefRow ref) throws SQLException {
            refs.updateDetail(connection, ref);
        }

        public List<RefRow> refsFrom(ResourceKind kind, String id, String relationPrefix) throws SQLException {
            return refs.from(connection, instance.id(), kind.name(), id, relationPrefix);
        }

        public int countRefsTo(ResourceKind toKind, String toId, ResourceKind fromKind) throws SQLException {
            return refs.countTo(connection, instance.id(), toKind.name(), toId, fromKind.name());
        }

        /** Drops the references of one relation held to a resource: those do not keep it in use. */
        public void dropRefsTo(ResourceKind kind, String id, String relation) throws SQLException {
            refs.deleteTo(connection, instance.id(), kind.name(), id, relation);
        }

        /** Charges the instance's own quota. */
        public void charge(Quota quota, long amount) throws SQLException {
            charge(scope(), quota, amount);
        }

        /** Charges a quota counted in a scope inside the instance (see {@link #openScope}). */
        public void charge(QuotaScope scope, Quota quota, long amount) throws SQLException {
            ledger.charge(connection, scope, quota, amount);
        }

        public void release(Quota quota, long amount) throws SQLException {
            release(scope(), quota, amount);
        }

        public void release(QuotaScope scope, Quota quota, long amount) throws SQLException {
            ledger.release(connection, scope, quota, amount);
        }

        /** Opens a quota counted in a scope inside the instance, with the instance's applied value of that quota. */
        public void openScope(QuotaScope scope, Quota quota) throws SQLException {
            ledger.open(connection, scope, quota, ledger.usage(connection, scope(), quota).limit(), 0);
        }

        public void dropScope(QuotaScope scope) throws SQLException {
            ledger.dropScope(connection, scope);
        }

        private QuotaScope scope() {
            return QuotaScope.instance(instance.id());
        }

        private ServiceError duplicate(ResourceKind kind, String name) {
            return new ServiceError(kind.duplicateName(), kind.title() + " '" + name
                    + "' already exists in instance " + instance.id() + ": names are unique per instance.");
        }

        private ServiceError inUse(ResourceKind kind, ResourceRow row, RefRow holder) {
            ResourceKind holderKind = ResourceKind.valueOf(holder.fromKind());
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("ResourceId", row.id());
            String type = resourceType(kind);
            if (type != null) {
                members.put("ResourceType", type);
            }
            return new ServiceError(ErrorCode.RESOURCE_IN_USE, kind.title() + " " + row.id() + " is in use: "
                    + holderKind.title().toLowerCase() + " " + holder.fromId() + " refers to it (" + holder.relation() + ").", members);
        }
    }

    /** Connect's ResourceType enum names only a few families. */
    private static String resourceType(ResourceKind kind) {
        return switch (kind) {
            case USER -> "USER";
            case CONTACT_FLOW -> "CONTACT_FLOW";
            case HIERARCHY_GROUP -> "HIERARCHY_GROUP";
            case PHONE_NUMBER -> "PHONE_NUMBER";
            default -> null;
        };
    }
}
