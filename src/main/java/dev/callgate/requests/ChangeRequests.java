package dev.callgate.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Arns;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.instance.Pages;
import dev.callgate.json.Json;
import dev.callgate.servicequotas.ServiceQuotasErrors;
import dev.callgate.store.Store;
import dev.callgate.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The request channel (docs/limits.md §7): submission with its checks, the approval policy, the
 * operator's decisions, and the one place where an approval changes what it grants, in the same
 * transaction as the status.
 */
public final class ChangeRequests {
    /** More open requests than this in an account refuses the next one. */
    public static final int MAX_OPEN = 20;
    private static final double MAX_DESIRED = 1e10;
    private static final Pattern INSTANCE_ARN = Pattern.compile("arn:aws:connect:[a-z0-9-]+:\\d{12}:instance/[A-Za-z0-9-]+");
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Store store;
    private final InstanceService instances;
    private final QuotaValues values;
    private final DialingRulesChange dialing;
    private final ApprovalPolicy policy;
    private final Clock clock;
    private final RequestRows rows = new RequestRows();

    public ChangeRequests(Store store, InstanceService instances, QuotaValues values, DialingRulesChange dialing,
            ApprovalPolicy policy, Clock clock) {
        this.store = store;
        this.instances = instances;
        this.values = values;
        this.dialing = dialing;
        this.policy = policy;
        this.clock = clock;
    }

    public QuotaValues values() {
        return values;
    }

    /** RequestServiceQuotaIncrease: checked as docs/limits.md §7 says, then stored and put to the policy. */
    public ChangeRequest requestIncrease(Caller caller, String serviceCode, String quotaCode, Double desired, String contextId) {
        ListedQuota quota = listedQuota(serviceCode, quotaCode);
        if (desired == null || !(desired >= 0 && desired <= MAX_DESIRED) || desired != Math.rint(desired)) {
            throw illegal("DesiredValue must be a whole number between 0 and 10000000000; got " + desired + ".");
        }
        if (!quota.adjustable()) {
            throw illegal(quota.describe() + " is not adjustable: no request can raise it.");
        }
        if (quota.perInstance() && contextId == null) {
            throw illegal(quota.describe() + " applies per instance: give ContextId = the instance ARN.");
        }
        if (!quota.perInstance() && contextId != null) {
            throw illegal(quota.describe() + " applies per account and region: ContextId must be absent.");
        }
        if (contextId != null && !INSTANCE_ARN.matcher(contextId).matches()) {
            throw illegal("ContextId '" + contextId + "' is not an Amazon Connect instance ARN (arn:aws:connect:{region}:{account}:instance/{id}).");
        }
        Optional<InstanceRow> instance = contextId == null ? Optional.empty() : callersInstance(caller, contextId);
        if (contextId != null && instance.isEmpty()) {
            return invalidContext(caller, quota, desired, contextId);
        }
        String instanceId = instance.map(InstanceRow::id).orElse(null);
        long current = values.applied(caller.accountId(), caller.region(), quota, instanceId);
        if (desired <= current) {
            throw illegal("You must provide a quota value greater than the current quota value: " + quota.describe() + " is "
                    + current + (instanceId == null ? " for account " + caller.accountId() + " in " + caller.region() : " for instance " + instanceId)
                    + "; you asked for " + desired.longValue() + ".");
        }
        long now = clock.millis();
        ChangeRequest request = new ChangeRequest(newId(now), caller.accountId(), caller.region(), RequestKind.QUOTA_INCREASE, quota.code(),
                contextId, instanceId, desired, (double) current, RequestStatus.PENDING, null, null, requester(caller), now, now,
                JSON.createObjectNode());
        return decided(submit(request), values.defaultValue(quota));
    }

    /** A change Service Quotas has no code for, on one of the caller's instances, already checked by its kind. */
    ChangeRequest submitChange(Caller caller, InstanceRow instance, RequestKind kind, ObjectNode details) {
        long now = clock.millis();
        ChangeRequest request = new ChangeRequest(newId(now), caller.accountId(), caller.region(), kind, null,
                Arns.instance(instance), instance.id(), null, null, RequestStatus.PENDING, null, null,
                requester(caller), now, now, details);
        return decided(submit(request), 0);
    }

    /** The caller's request; another account's is no such request. */
    public ChangeRequest get(Caller caller, String id) {
        return store.read(c -> rows.find(c, id)).filter(r -> r.accountId().equals(caller.accountId()))
                .orElseThrow(() -> new ServiceError(ServiceQuotasErrors.NO_SUCH_RESOURCE, "No request " + id + " in account " + caller.accountId() + "."));
    }

    /** A page of requests in creation order; the filter names whose they are. */
    public Pages.Page<ChangeRequest> page(RequestFilter filter, Pages.Cursor cursor) {
        return cursor.page(store.read(c -> rows.page(c, filter, cursor.after(), cursor.size() + 1)), ChangeRequest::id);
    }

    /** The operator's grant: what the request asks for is applied now, in the transaction that records APPROVED. */
    public ChangeRequest approve(String id, String reason) {
        ChangeRequest request = find(id);
        if (request.kind() == RequestKind.PORT_NUMBERS) {
            throw new ServiceError(ServiceQuotasErrors.INVALID_RESOURCE_STATE, "Request " + id
                    + " is a port: it is advanced step by step (POST /_callgate/requests/" + id + "/advance) and approved when it completes.");
        }
        return move(request, RequestStatus.APPROVED, reason == null ? "Approved by an operator." : reason, true);
    }

    /** The operator's refusal: nothing changes but the status. */
    public ChangeRequest deny(String id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ServiceError.invalidParameter("A denial needs a reason: {\"reason\": \"…\"}.");
        }
        return move(find(id), RequestStatus.DENIED, reason, false);
    }

    /** Any account's request, for the operator. */
    public ChangeRequest find(String id) {
        return store.read(c -> rows.find(c, id)).orElseThrow(() -> ServiceError.notFound("No request " + id + "."));
    }

    /** Moves an open request to {@code status}; with {@code grant}, applies what it asks for in the same transaction. */
    ChangeRequest move(ChangeRequest request, RequestStatus status, String reason, boolean grant) {
        return move(request, status, reason, request.details(), grant);
    }

    ChangeRequest move(ChangeRequest request, RequestStatus status, String reason, ObjectNode details, boolean grant) {
        return move(request, next(request, status, reason, details), grant ? this::grant : (c, r) -> { });
    }

    /** The request as it becomes with a new status, reason and details, now (a case id from its first CASE_OPENED). */
    ChangeRequest next(ChangeRequest request, RequestStatus status, String reason, ObjectNode details) {
        return request.with(status, reason, caseId(request, status), clock.millis(), details);
    }

    /** Stores {@code next} if {@code request} is still as it was read, after {@code work} in the same transaction. */
    ChangeRequest move(ChangeRequest request, ChangeRequest next, Work work) {
        if (!request.status().isOpen()) {
            throw new ServiceError(ServiceQuotasErrors.INVALID_RESOURCE_STATE, "Request " + request.id() + " is " + request.status()
                    + ": only a PENDING or CASE_OPENED request can change.");
        }
        store.inTransaction(c -> {
            record(c, request, next);
            work.run(c, next);
            return null;
        });
        if (next.status() == RequestStatus.APPROVED && next.kind() == RequestKind.QUOTA_INCREASE) {
            values.committed(next);
        }
        return next;
    }

    /** Stores {@code next} in the caller's transaction if {@code request} is still as it was read. */
    void record(Connection c, ChangeRequest request, ChangeRequest next) throws SQLException {
        if (!rows.update(c, request.status(), next)) {
            throw new ServiceError(ServiceQuotasErrors.INVALID_RESOURCE_STATE, "Request " + request.id()
                    + " changed meanwhile; read it again.");
        }
    }

    private void grant(Connection c, ChangeRequest request) throws SQLException {
        switch (request.kind()) {
            case QUOTA_INCREASE -> values.apply(c, request);
            case ADD_COUNTRIES, REMOVE_COUNTRIES, LIFT_PREFIX -> dialing.apply(c, request);
            case PORT_NUMBERS -> throw new IllegalStateException("A port is granted by its last step");
        }
    }

    private ChangeRequest submit(ChangeRequest request) {
        try {
            store.inTransaction(c -> {
                rows.lockAccount(c, request.accountId());
                Optional<String> open = rows.openWithKey(c, request.openKey());
                if (open.isPresent()) {
                    throw alreadyOpen(open.get());
                }
                long count = rows.openCount(c, request.accountId());
                if (count >= MAX_OPEN) {
                    throw new ServiceError(ServiceQuotasErrors.QUOTA_EXCEEDED, "Open requests per account is " + MAX_OPEN
                            + " and account " + request.accountId() + " has " + count + " open: wait for a decision on one.");
                }
                rows.insert(c, request);
                return null;
            });
        } catch (StoreException e) {
            if (!Store.isUniqueViolation(e.sqlException())) {
                throw e;
            }
            throw alreadyOpen(store.read(c -> rows.openWithKey(c, request.openKey())).orElse("(just decided)"));
        }
        return request;
    }

    /** Puts a new request to the policy; an approval the policy grants but the usage forbids opens a case instead. */
    private ChangeRequest decided(ChangeRequest request, double defaultValue) {
        ApprovalPolicy.Decision decision = policy.decide(request, defaultValue);
        String reason = policy.reason(decision);
        return switch (decision) {
            case KEEP_PENDING -> request;
            case DENY -> move(request, RequestStatus.DENIED, reason, false);
            case OPEN_CASE -> move(request, RequestStatus.CASE_OPENED, reason, false);
            case APPROVE -> {
                try {
                    yield move(request, RequestStatus.APPROVED, reason, true);
                } catch (ServiceError refused) {
                    yield move(request, RequestStatus.CASE_OPENED, refused.getMessage(), false);
                }
            }
        };
    }

    private ChangeRequest invalidContext(Caller caller, ListedQuota quota, Double desired, String contextId) {
        long now = clock.millis();
        ChangeRequest request = new ChangeRequest(newId(now), caller.accountId(), caller.region(), RequestKind.QUOTA_INCREASE, quota.code(),
                contextId, null, desired, null, RequestStatus.INVALID_REQUEST,
                "ContextId " + contextId + " names no instance of account " + caller.accountId() + " in " + caller.region() + ".",
                null, requester(caller), now, now, JSON.createObjectNode());
        store.inTransaction(c -> {
            rows.insert(c, request);
            return null;
        });
        return request;
    }

    /** The caller's instances in its region, opened: the contexts of its per-instance quotas. */
    public List<InstanceRow> callersInstances(Caller caller) {
        return instances.allOpened(caller);
    }

    /** The caller's instance that an instance ARN names, all of it: an ARN naming another account or region names none. */
    public Optional<InstanceRow> callersInstance(Caller caller, String arn) {
        try {
            return Optional.of(instances.findOpened(caller, arn)).filter(row -> Arns.instance(row).equals(arn));
        } catch (ServiceError e) {
            if (e.code() != ErrorCode.RESOURCE_NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** A listed quota of a service: NoSuchResourceException for another service or an unknown code; a null code only checks the service. */
    public static ListedQuota listedQuota(String serviceCode, String quotaCode) {
        if (!ListedQuota.SERVICE_CODE.equals(serviceCode)) {
            throw new ServiceError(ServiceQuotasErrors.NO_SUCH_RESOURCE, "No service '" + serviceCode + "': Callgate keeps the quotas of "
                    + ListedQuota.SERVICE_CODE + " (" + ListedQuota.SERVICE_NAME + ").");
        }
        return quotaCode == null ? null : ListedQuota.byCode(quotaCode).orElseThrow(() -> new ServiceError(ServiceQuotasErrors.NO_SUCH_RESOURCE,
                "No quota '" + quotaCode + "' for service " + serviceCode + "."));
    }

    private static ServiceError alreadyOpen(String id) {
        return new ServiceError(ServiceQuotasErrors.RESOURCE_ALREADY_EXISTS, "Request " + id
                + " for this quota and context is still open: wait for its decision before asking again.");
    }

    private static ServiceError illegal(String message) {
        return new ServiceError(ServiceQuotasErrors.ILLEGAL_ARGUMENT, message);
    }

    private static String caseId(ChangeRequest request, RequestStatus status) {
        if (request.caseId() != null || status != RequestStatus.CASE_OPENED) {
            return request.caseId();
        }
        return Long.toString(1_000_000_000L + ThreadLocalRandom.current().nextLong(9_000_000_000L));
    }

    private static String requester(Caller caller) {
        return JSON.createObjectNode().put("accountId", caller.accountId())
                .put("callerArn", "arn:aws:iam::" + caller.accountId() + ":user/" + caller.accessKeyId()).toString();
    }

    /** 32 hex digits that start with the creation time, so that id order is creation order. */
    private static String newId(long now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%012x%010x%010x", now, random.nextLong(1L << 40), random.nextLong(1L << 40));
    }

    /** What a move does in its transaction. */
    @FunctionalInterface
    interface Work {
        void run(Connection connection, ChangeRequest next) throws SQLException;
    }
}
