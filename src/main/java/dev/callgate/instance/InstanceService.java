package dev.callgate.instance;

import dev.callgate.accounts.Accounts;
import dev.callgate.accounts.BillingEntity;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.quota.QuotaScope;
import dev.callgate.store.Store;
import dev.callgate.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateInstanceRequest;
import software.amazon.awssdk.services.connect.model.CreateInstanceResponse;
import software.amazon.awssdk.services.connect.model.DeleteInstanceRequest;
import software.amazon.awssdk.services.connect.model.DeleteInstanceResponse;
import software.amazon.awssdk.services.connect.model.DescribeInstanceRequest;
import software.amazon.awssdk.services.connect.model.DescribeInstanceResponse;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.Instance;
import software.amazon.awssdk.services.connect.model.InstanceStatus;
import software.amazon.awssdk.services.connect.model.InstanceSummary;
import software.amazon.awssdk.services.connect.model.ListInstancesRequest;
import software.amazon.awssdk.services.connect.model.ListInstancesResponse;

/**
 * Amazon Connect instances: creation with the account's instance quota and its AISPL and alias rules;
 * opening on first use (the instance's quota rows and default resources); description, listing and
 * deletion (limits.md §2).
 */
public final class InstanceService implements OperationFamily<ConnectRequest, ConnectResponse> {

    private final Store store;
    private final Accounts accounts;
    private final Editions editions;
    private final QuotaLedger ledger;
    private final Clock clock;
    private final InstanceRows instances = new InstanceRows();
    private final ResourceRows resources = new ResourceRows();
    private final RefRows refs = new RefRows();
    private final List<Deletion> deletions = new CopyOnWriteArrayList<>();

    public InstanceService(Store store, Accounts accounts, Editions editions, QuotaLedger ledger, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.editions = editions;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateInstanceRequest.class, this::create);
        handlers.on(DescribeInstanceRequest.class, this::describe);
        handlers.on(ListInstancesRequest.class, this::list);
        handlers.on(DeleteInstanceRequest.class, this::delete);
    }

    public CreateInstanceResponse create(Caller caller, CreateInstanceRequest request) {
        validate(request);
        if (accounts.billingEntity(caller.accountId()) == BillingEntity.AISPL) {
            throw ServiceError.invalidRequest("Amazon Connect is not available to AISPL customers: account "
                    + caller.accountId() + " is billed by Amazon Internet Services Pvt. Ltd (India).");
        }
        Optional<InstanceRow> earlier = byClientToken(caller, request.clientToken());
        if (earlier.isPresent()) {
            return created(earlier.get());
        }
        Edition edition = editions.current();
        InstanceRow row = newInstance(caller, request, edition);
        try {
            // The insert first: a taken alias refuses before a full quota does.
            store.inTransaction(c -> {
                instances.insert(c, row);
                ledger.chargeOrOpen(c, QuotaScope.account(caller.accountId(), caller.region()), Quota.INSTANCES_PER_REGION,
                        1, edition.quota(Quota.INSTANCES_PER_REGION));
                return null;
            });
        } catch (StoreException e) {
            // A unique index refused the insert: a retried request (same client token) gets its instance.
            if (!Store.isUniqueViolation(e.sqlException())) {
                throw e;
            }
            return byClientToken(caller, request.clientToken()).map(InstanceService::created)
                    .orElseThrow(() -> ServiceError.invalidRequest("The instance alias '" + request.instanceAlias()
                            + "' is already in use; aliases are unique across all regions."));
        }
        return created(row);
    }

    public DescribeInstanceResponse describe(Caller caller, DescribeInstanceRequest request) {
        return DescribeInstanceResponse.builder().instance(description(find(caller, request.instanceId()))).build();
    }

    public ListInstancesResponse list(Caller caller, ListInstancesRequest request) {
        Pages.Cursor cursor = Pages.cursor("instances@" + caller.accountId() + "/" + caller.region(), request.maxResults(), 10,
                request.nextToken());
        var page = cursor.page(store.read(c -> instances.page(c, caller.accountId(), caller.region(), cursor.after(), cursor.size() + 1)),
                InstanceSummaryRow::id);
        return ListInstancesResponse.builder()
                .instanceSummaryList(page.items().stream().map(InstanceService::summary).toList())
                .nextToken(page.nextToken())
                .build();
    }

    /**
     * What a package above this one keeps of an instance and drops with it, in the deletion's
     * transaction (its claimed numbers, its calls' leases and contacts): registered when the server is wired, so that
     * instances need not know who keeps what.
     */
    @FunctionalInterface
    public interface Deletion {
        void deleted(Connection connection, String instanceId) throws SQLException;
    }

    /** Adds what a deletion also drops. */
    public void onDelete(Deletion deletion) {
        deletions.add(deletion);
    }

    public DeleteInstanceResponse delete(Caller caller, DeleteInstanceRequest request) {
        String id = Arns.instanceId(request.instanceId(), caller.region(), caller.accountId())
                .orElseThrow(() -> notFound(request.instanceId()));
        store.inTransaction(c -> {
            if (!instances.delete(c, caller.accountId(), caller.region(), id)) {
                throw notFound(request.instanceId());
            }
            resources.deleteInstance(c, id);
            refs.deleteInstance(c, id);
            for (Deletion deletion : deletions) {
                deletion.deleted(c, id);
            }
            ledger.dropScope(c, QuotaScope.instance(id));
            ledger.release(c, QuotaScope.account(caller.accountId(), caller.region()), Quota.INSTANCES_PER_REGION, 1);
            return null;
        });
        return DeleteInstanceResponse.builder().build();
    }

    /** Changes the tags of the caller's instance: {@code change} gets the current tags and returns the new ones. */
    public void retag(Caller caller, String idOrArn, UnaryOperator<Map<String, String>> change) {
        InstanceRow row = find(caller, idOrArn);
        store.inTransaction(c -> {
            InstanceRow locked = instances.lock(c, row.id()).orElseThrow(() -> notFound(idOrArn));
            instances.updateTags(c, row.id(), change.apply(new TreeMap<>(locked.tags())));
            return null;
        });
    }

    /** Turns the caller's instance's inbound or outbound calling on or off (null leaves it as it is). */
    public void updateCalls(Caller caller, String idOrArn, Boolean inbound, Boolean outbound) {
        InstanceRow row = find(caller, idOrArn);
        store.inTransaction(c -> {
            InstanceRow locked = instances.lock(c, row.id()).orElseThrow(() -> notFound(idOrArn));
            instances.updateCalls(c, row.id(), inbound == null ? locked.inboundCalls() : inbound,
                    outbound == null ? locked.outboundCalls() : outbound);
            return null;
        });
    }

    /** The caller's instance named by an id or an instance ARN; another account's, region's or partition's is simply not found. */
    public InstanceRow find(Caller caller, String idOrArn) {
        String id = Arns.instanceId(idOrArn, caller.region(), caller.accountId()).orElseThrow(() -> notFound(idOrArn));
        return store.read(c -> instances.find(c, caller.accountId(), caller.region(), id)).orElseThrow(() -> notFound(idOrArn));
    }

    /**
     * The caller's instance, opened first if this is its first use: every call that reads or changes the
     * resources or quotas inside an instance finds it here.
     */
    public InstanceRow findOpened(Caller caller, String idOrArn) {
        return opened(find(caller, idOrArn));
    }

    /** The caller's instances (its account's, in its region), each opened, in id order. */
    public List<InstanceRow> allOpened(Caller caller) {
        return all(caller.accountId()).stream().filter(row -> row.region().equals(caller.region())).map(this::opened).toList();
    }

    /** Every instance, of one account or (null) of all (for the operator). */
    public List<InstanceRow> all(String accountId) {
        return store.read(c -> instances.all(c, accountId));
    }

    /** Any account's instance by id, opened (for the operator). */
    public InstanceRow findOpened(String id) {
        return opened(store.read(c -> instances.find(c, id)).orElseThrow(() -> notFound(id)));
    }

    /**
     * Opens an instance on its first use: writes its quota rows (the values of the edition it was created
     * with, its default resources' usage) and its default resources. CreateInstance writes only the
     * instance row, to stay cheap; no call can tell, since every reader of those rows comes here first.
     */
    private InstanceRow opened(InstanceRow row) {
        if (!row.opened()) {
            DefaultResources.Defaults defaults = DefaultResources.of(row);
            Edition edition = editions.named(row.edition());
            store.inTransaction(c -> {
                if (instances.markOpened(c, row.id())) {
                    ledger.open(c, quotas(row.id(), defaults, edition));
                    resources.insertAll(c, defaults.rows());
                    refs.insertAll(c, defaults.refs());
                }
                return null;
            });
        }
        return row;
    }

    /** The instance's quota rows, with the edition's values and its default resources' usage. */
    private static List<QuotaLedger.Opening> quotas(String id, DefaultResources.Defaults defaults, Edition edition) {
        Map<Quota, Long> used = new EnumMap<>(Quota.class);
        for (ResourceRow resource : defaults.rows()) {
            Quota quota = ResourceKind.valueOf(resource.kind()).quota();
            if (quota != null) {
                used.merge(quota, 1L, Long::sum);
            }
        }
        List<QuotaLedger.Opening> openings = new ArrayList<>();
        for (Quota quota : Quota.values()) {
            if (quota.scope().appliedIn() == Quota.Scope.INSTANCE) {
                openings.add(new QuotaLedger.Opening(QuotaScope.instance(id), quota, edition.quota(quota), used.getOrDefault(quota, 0L)));
            }
        }
        for (DefaultResources.ScopeUsage inside : defaults.scopes()) {
            openings.add(new QuotaLedger.Opening(inside.scope(), inside.quota(), edition.quota(inside.quota()), inside.used()));
        }
        return openings;
    }

    private void validate(CreateInstanceRequest request) {
        DirectoryType type = request.identityManagementType();
        if (type == DirectoryType.UNKNOWN_TO_SDK_VERSION) {
            throw ServiceError.invalidParameter("IdentityManagementType must be one of SAML, CONNECT_MANAGED, EXISTING_DIRECTORY; got '"
                    + request.identityManagementTypeAsString() + "'.");
        }
        if (type == DirectoryType.EXISTING_DIRECTORY && request.directoryId() == null) {
            throw ServiceError.invalidRequest("DirectoryId is required when IdentityManagementType is EXISTING_DIRECTORY.");
        }
        String alias = request.instanceAlias();
        if (alias == null && type != DirectoryType.EXISTING_DIRECTORY) {
            throw ServiceError.invalidRequest("InstanceAlias is required when IdentityManagementType is " + type + ".");
        }
    }

    private InstanceRow newInstance(Caller caller, CreateInstanceRequest request, Edition edition) {
        return new InstanceRow(newId(), caller.accountId(), caller.region(),
                request.instanceAlias(), request.identityManagementTypeAsString(), request.directoryId(),
                request.inboundCallsEnabled(), request.outboundCallsEnabled(), edition.name(),
                clock.millis(), request.clientToken(), request.hasTags() ? request.tags() : Map.of(), false);
    }

    /**
     * A UUID that starts with the creation time (RFC 9562's version 7 layout), so that a new instance's
     * rows go to the end of the tables ordered by instance id: a store write then rewrites a few tail
     * pages shared by the instances created meanwhile, not a random page of each table per instance.
     */
    private String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = clock.millis() << 16 | 0x7000L | random.nextLong() & 0x0FFFL;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private Optional<InstanceRow> byClientToken(Caller caller, String token) {
        return token == null ? Optional.empty()
                : store.read(c -> instances.findByClientToken(c, caller.accountId(), caller.region(), token));
    }

    private static CreateInstanceResponse created(InstanceRow row) {
        return CreateInstanceResponse.builder().id(row.id()).arn(Arns.instance(row)).build();
    }

    private static Instance description(InstanceRow row) {
        return Instance.builder()
                .id(row.id()).arn(Arns.instance(row))
                .identityManagementType(row.identityManagementType())
                .instanceAlias(row.alias())
                .createdTime(Instant.ofEpochMilli(row.createdAtMillis()))
                .serviceRole(serviceRole(row.accountId()))
                .instanceStatus(InstanceStatus.ACTIVE)
                .inboundCallsEnabled(row.inboundCalls())
                .outboundCallsEnabled(row.outboundCalls())
                .instanceAccessUrl(accessUrl(row.alias(), row.id()))
                .tags(row.tags())
                .build();
    }

    /** The description's members less its tags, from the summary's own columns. */
    private static InstanceSummary summary(InstanceSummaryRow row) {
        return InstanceSummary.builder()
                .id(row.id()).arn(Arns.instance(row.region(), row.accountId(), row.id()))
                .identityManagementType(row.identityManagementType())
                .instanceAlias(row.alias())
                .createdTime(Instant.ofEpochMilli(row.createdAtMillis()))
                .serviceRole(serviceRole(row.accountId()))
                .instanceStatus(InstanceStatus.ACTIVE)
                .inboundCallsEnabled(row.inboundCalls())
                .outboundCallsEnabled(row.outboundCalls())
                .instanceAccessUrl(accessUrl(row.alias(), row.id()))
                .build();
    }

    private static String serviceRole(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect";
    }

    private static String accessUrl(String alias, String id) {
        return "https://" + (alias == null ? id : alias) + ".my.connect.aws";
    }

    private static ServiceError notFound(String idOrArn) {
        return ServiceError.notFound("Instance " + idOrArn + " not found.");
    }
}
