package dev.callgate.requests;

import dev.callgate.limits.quota.Quota;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Connect quota as Service Quotas shows it: every {@link Quota} with a code, plus two of Callgate's
 * own codes (docs/limits.md §7): {@value #API_RATE_CODE}, the general API throttle group's rate, which
 * is requestable per account; and {@value #AGENT_STATUSES_CODE}, agent statuses per instance, which
 * Service Quotas does not list and which no request can raise.
 */
public record ListedQuota(String code, String name, String description, Quota quota, boolean adjustable, boolean shown) {
    public static final String SERVICE_CODE = "connect";
    public static final String SERVICE_NAME = "Amazon Connect";
    public static final String API_RATE_CODE = "CG-API-RATE";
    public static final String AGENT_STATUSES_CODE = "CG-AGENT-STATUSES";

    private static final List<ListedQuota> ALL = all();

    private static List<ListedQuota> all() {
        List<ListedQuota> quotas = new ArrayList<>();
        for (Quota quota : Quota.values()) {
            String code = quota.code() == null ? AGENT_STATUSES_CODE : quota.code();
            quotas.add(new ListedQuota(code, quota.title(), "The maximum number of " + lowerFirst(quota.title()) + ".", quota,
                    quota.code() != null, quota.code() != null));
        }
        quotas.add(new ListedQuota(API_RATE_CODE, "Rate of API requests",
                "The rate, in requests per second, of the Amazon Connect API operations that have no rate of their own"
                        + " (their burst grows with it). A Callgate quota code.", null, true, true));
        quotas.sort(Comparator.comparing(ListedQuota::code));
        return List.copyOf(quotas);
    }

    /** The quotas ListServiceQuotas shows, in code order. */
    public static List<ListedQuota> shownByService() {
        return ALL.stream().filter(ListedQuota::shown).toList();
    }

    public static Optional<ListedQuota> byCode(String code) {
        return ALL.stream().filter(q -> q.code.equals(code)).findFirst();
    }

    public static ListedQuota of(Quota quota) {
        return ALL.stream().filter(q -> q.quota == quota).findFirst().orElseThrow();
    }

    /** Applied per instance (requested with ContextId = the instance ARN) rather than per account and region. */
    public boolean perInstance() {
        return quota != null && quota.scope().appliedIn() == Quota.Scope.INSTANCE;
    }

    public boolean apiRate() {
        return quota == null;
    }

    public String describe() {
        return name + " (" + code + ")";
    }

    private static String lowerFirst(String title) {
        return title.startsWith("Amazon") ? title : title.substring(0, 1).toLowerCase(Locale.ROOT) + title.substring(1);
    }
}
