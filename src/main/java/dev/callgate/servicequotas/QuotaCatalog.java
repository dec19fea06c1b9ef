package dev.callgate.servicequotas;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Arns;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.Pages;
import dev.callgate.limits.quota.Quota;
import dev.callgate.requests.ChangeRequests;
import dev.callgate.requests.ListedQuota;
import dev.callgate.requests.QuotaValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.servicequotas.model.AppliedLevelEnum;
import software.amazon.awssdk.services.servicequotas.model.GetAwsDefaultServiceQuotaRequest;
import software.amazon.awssdk.services.servicequotas.model.GetAwsDefaultServiceQuotaResponse;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaRequest;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaResponse;
import software.amazon.awssdk.services.servicequotas.model.ListAwsDefaultServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ListAwsDefaultServiceQuotasResponse;
import software.amazon.awssdk.services.servicequotas.model.ListServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ListServiceQuotasResponse;
import software.amazon.awssdk.services.servicequotas.model.QuotaContextInfo;
import software.amazon.awssdk.services.servicequotas.model.QuotaContextScope;
import software.amazon.awssdk.services.servicequotas.model.QuotaPeriod;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasResponse;

/**
 * Connect's quotas as Service Quotas shows them: applied values (an instance's with ContextId = its
 * ARN, else the account's in the caller's region) and the current edition's defaults. A per-instance
 * quota has two levels: at the account level its value for new instances (ContextId "*"), at the
 * resource level each instance's own (ContextId = the instance ARN).
 */
final class QuotaCatalog implements OperationFamily<ServiceQuotasRequest, ServiceQuotasResponse> {
    static final String INSTANCE_CONTEXT_TYPE = "AWS::Connect::Instance";
    /** The ContextId of a per-instance quota's value for the instances that have none of their own yet: new ones. */
    private static final String EVERY_INSTANCE = "*";
    private static final int DEFAULT_PAGE = 100;

    private final ChangeRequests requests;
    private final QuotaValues values;

    QuotaCatalog(ChangeRequests requests) {
        this.requests = requests;
        this.values = requests.values();
    }

    @Override
    public void register(OperationHandlers<ServiceQuotasRequest, ServiceQuotasResponse> handlers) {
        handlers.on(GetServiceQuotaRequest.class, this::get);
        handlers.on(GetAwsDefaultServiceQuotaRequest.class, this::getDefault);
        handlers.on(ListServiceQuotasRequest.class, this::list);
        handlers.on(ListAwsDefaultServiceQuotasRequest.class, this::listDefaults);
    }

    GetServiceQuotaResponse get(Caller caller, GetServiceQuotaRequest request) {
        ListedQuota quota = QuotaRequests.quota(request.serviceCode(), request.quotaCode());
        String contextId = request.contextId();
        if (contextId == null) {
            return GetServiceQuotaResponse.builder().quota(applied(caller, quota)).build();
        }
        if (!quota.perInstance()) {
            throw new ServiceError(ServiceQuotasErrors.ILLEGAL_ARGUMENT, quota.describe() + " applies per account and region: ContextId must be absent.");
        }
        InstanceRow instance = requests.callersInstance(caller, contextId).orElseThrow(() -> new ServiceError(
                ServiceQuotasErrors.NO_SUCH_RESOURCE, "ContextId " + contextId + " names no instance of account "
                        + caller.accountId() + " in " + caller.region() + "."));
        ServiceQuota applied = applied(caller, quota).toBuilder()
                .value((double) values.applied(caller.accountId(), caller.region(), quota, instance.id()))
                .quotaContext(context(contextId))
                .build();
        return GetServiceQuotaResponse.builder().quota(applied).build();
    }

    GetAwsDefaultServiceQuotaResponse getDefault(Caller caller, GetAwsDefaultServiceQuotaRequest request) {
        ListedQuota quota = QuotaRequests.quota(request.serviceCode(), request.quotaCode());
        return GetAwsDefaultServiceQuotaResponse.builder().quota(defaulted(caller, quota)).build();
    }

    ListServiceQuotasResponse list(Caller caller, ListServiceQuotasRequest request) {
        QuotaRequests.quota(request.serviceCode(), null);
        AppliedLevelEnum level = request.quotaAppliedAtLevel() == null ? AppliedLevelEnum.ACCOUNT : request.quotaAppliedAtLevel();
        List<ListedQuota> quotas = ListedQuota.shownByService().stream()
                .filter(q -> request.quotaCode() == null || q.code().equals(request.quotaCode()))
                .toList();
        Pages.Cursor cursor = cursor("ListServiceQuotas/" + request.quotaCode() + "/" + level + "@" + caller.accountId() + "/"
                + caller.region(), request.maxResults(), request.nextToken());
        List<ServiceQuota> listed = new ArrayList<>();
        if (level != AppliedLevelEnum.RESOURCE) {
            quotas.forEach(q -> listed.add(applied(caller, q)));
        }
        if (level != AppliedLevelEnum.ACCOUNT) {
            listed.addAll(perInstance(caller, quotas.stream().filter(ListedQuota::perInstance).toList()));
        }
        Pages.Page<ServiceQuota> page = cursor.slice(listed, QuotaCatalog::key);
        return ListServiceQuotasResponse.builder().quotas(page.items()).nextToken(page.nextToken()).build();
    }

    ListAwsDefaultServiceQuotasResponse listDefaults(Caller caller, ListAwsDefaultServiceQuotasRequest request) {
        QuotaRequests.quota(request.serviceCode(), null);
        Pages.Page<ListedQuota> page = cursor("ListAWSDefaultServiceQuotas@" + caller.region(), request.maxResults(), request.nextToken())
                .slice(ListedQuota.shownByService(), ListedQuota::code);
        return ListAwsDefaultServiceQuotasResponse.builder().quotas(page.items().stream().map(q -> defaulted(caller, q)).toList())
                .nextToken(page.nextToken()).build();
    }

    static Pages.Cursor cursor(String list, Integer maxResults, String nextToken) {
        return Pages.cursor(list, maxResults, DEFAULT_PAGE, nextToken,
                message -> new ServiceError(ServiceQuotasErrors.INVALID_PAGINATION_TOKEN, message));
    }

    /** The account-level value: the account's, or for a per-instance quota the value new instances get (ContextId "*"). */
    private ServiceQuota applied(Caller caller, ListedQuota quota) {
        ServiceQuota.Builder applied = described(quota).quotaArn(QuotaRequests.arn(caller.region(), caller.accountId(), quota))
                .value((double) values.applied(caller.accountId(), caller.region(), quota, null));
        if (quota.perInstance()) {
            applied.quotaContext(context(EVERY_INSTANCE));
        }
        return applied.build();
    }

    /** The resource-level values: each of the caller's instances' own, under its ARN. */
    private List<ServiceQuota> perInstance(Caller caller, List<ListedQuota> quotas) {
        if (quotas.isEmpty()) {
            return List.of();
        }
        List<InstanceRow> instances = requests.callersInstances(caller);
        Map<String, Map<Quota, Long>> applied = values.appliedIn(instances.stream().map(InstanceRow::id).toList());
        List<ServiceQuota> listed = new ArrayList<>();
        for (ListedQuota quota : quotas) {
            for (InstanceRow instance : instances) {
                listed.add(described(quota).quotaArn(QuotaRequests.arn(caller.region(), caller.accountId(), quota))
                        .value((double) applied.get(instance.id()).get(quota.quota()))
                        .quotaContext(context(Arns.instance(instance))).build());
            }
        }
        return listed;
    }

    /** A listed value's place in the listing: by quota code, then context ("*" before the instance ARNs). */
    private static String key(ServiceQuota quota) {
        return quota.quotaCode() + " " + (quota.quotaContext() == null ? "" : quota.quotaContext().contextId());
    }

    /** The context of a per-instance value: one instance's ARN, or {@value #EVERY_INSTANCE}. */
    static QuotaContextInfo context(String contextId) {
        return QuotaContextInfo.builder().contextScope(QuotaContextScope.RESOURCE).contextScopeType(INSTANCE_CONTEXT_TYPE)
                .contextId(contextId).build();
    }

    private ServiceQuota defaulted(Caller caller, ListedQuota quota) {
        return described(quota).quotaArn(QuotaRequests.arn(caller.region(), "", quota)).value((double) values.defaultValue(quota)).build();
    }

    private static ServiceQuota.Builder described(ListedQuota quota) {
        ServiceQuota.Builder builder = ServiceQuota.builder()
                .serviceCode(ListedQuota.SERVICE_CODE).serviceName(ListedQuota.SERVICE_NAME)
                .quotaCode(quota.code()).quotaName(quota.name()).description(quota.description())
                .unit("None").adjustable(quota.adjustable()).globalQuota(false).quotaAppliedAtLevel(level(quota));
        if (quota.apiRate()) {
            builder.period(QuotaPeriod.builder().periodValue(1).periodUnit("SECOND").build());
        }
        return builder;
    }

    static AppliedLevelEnum level(ListedQuota quota) {
        return quota.perInstance() ? AppliedLevelEnum.RESOURCE : AppliedLevelEnum.ACCOUNT;
    }
}
