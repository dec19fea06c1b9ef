package dev.callgate.requests;

import dev.callgate.aws.ServiceError;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.quota.QuotaScope;
import dev.callgate.limits.throttle.ApiThrottle;
import dev.callgate.servicequotas.ServiceQuotasErrors;
import dev.callgate.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the listed quotas: each applied value where the enforcement point reads it (the
 * quota ledger's row, or the throttle's override of the general group), each default from the
 * current edition, and the change an approved increase makes there.
 */
public final class QuotaValues {
    private final Store store;
    private final QuotaLedger ledger;
    private final Editions editions;
    private final ApiThrottle throttle;

    public QuotaValues(Store store, QuotaLedger ledger, Editions editions, ApiThrottle throttle) {
        this.store = store;
        this.ledger = ledger;
        this.editions = editions;
        this.throttle = throttle;
    }

    /** The current edition's value, which new instances (and accounts) get. */
    public long defaultValue(ListedQuota quota) {
        return quota.apiRate() ? throttle.generalDefault().rate() : editions.current().quota(quota.quota());
    }

    /**
     * The applied value: an instance's (its ledger row, {@code instanceId} of an opened instance), or the
     * account's in a region (its ledger row once opened by a first charge, else the current edition's).
     * A per-instance quota asked without an instance answers the value a new instance would get.
     */
    public long applied(String accountId, String region, ListedQuota quota, String instanceId) {
        if (quota.apiRate()) {
            return throttle.generalRate(accountId).rate();
        }
        QuotaScope scope = instanceId != null ? QuotaScope.instance(instanceId) : QuotaScope.account(accountId, region);
        if (quota.perInstance() && instanceId == null) {
            return defaultValue(quota);
        }
        return store.read(c -> ledger.usages(c, scope, QuotaLedger.Unopened.unused(editions.current()::quota)))
                .get(quota.quota()).limit();
    }

    /** The applied values of opened instances, each by quota (their ledger rows), read in one query. */
    public Map<String, Map<Quota, Long>> appliedIn(List<String> instanceIds) {
        Map<QuotaScope, Map<Quota, QuotaLedger.Usage>> usages = store.read(c -> ledger.usages(c,
                instanceIds.stream().map(QuotaScope::instance).toList(), QuotaLedger.Unopened.unused(editions.current()::quota)));
        Map<String, Map<Quota, Long>> values = new LinkedHashMap<>();
        for (String id : instanceIds) {
            Map<Quota, Long> applied = new EnumMap<>(Quota.class);
            usages.get(QuotaScope.instance(id)).forEach((quota, usage) -> applied.put(quota, usage.limit()));
            values.put(id, applied);
        }
        return values;
    }

    /** Makes an approved increase the applied value, in the approval's transaction; refused below the usage. */
    void apply(Connection c, ChangeRequest request) throws SQLException {
        ListedQuota quota = ListedQuota.byCode(request.quotaCode()).orElseThrow();
        long value = request.desiredValue().longValue();
        if (quota.apiRate()) {
            Edition.Rate general = throttle.generalDefault();
            // The burst keeps the edition's headroom over the rate (5 over 2 → rate R, burst R + 3).
            throttle.override(c, request.accountId(), ApiThrottle.GENERAL_GROUP, new Edition.Rate(value, value + general.burst() - general.rate()));
            return;
        }
        QuotaScope scope = request.instanceId() != null ? QuotaScope.instance(request.instanceId())
                : QuotaScope.account(request.accountId(), request.region());
        if (request.instanceId() == null) {
            ledger.openIfAbsent(c, scope, quota.quota(), defaultValue(quota));
        }
        long used = used(c, scope, quota.quota());
        if (value < used) {
            throw new ServiceError(ServiceQuotasErrors.INVALID_RESOURCE_STATE, String.format(
                    "%s cannot become %d %s: its usage is %d. Free some first, or deny the request.",
                    quota.describe(), value, scope.describe(), used));
        }
        ledger.setLimit(c, scope, quota.quota(), value);
    }

    /** After the approval's commit: the throttle takes up an account's new rate. */
    void committed(ChangeRequest request) {
        if (ListedQuota.API_RATE_CODE.equals(request.quotaCode())) {
            throttle.committed(request.accountId());
        }
    }

    /** The usage the new value must hold: a quota counted per routing profile, the fullest profile's. */
    private long used(Connection c, QuotaScope scope, Quota quota) throws SQLException {
        if (quota.scope() == Quota.Scope.ROUTING_PROFILE) {
            return ledger.usagesInside(c, scope, quota).values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
        return ledger.usage(c, scope, quota).used();
    }
}
