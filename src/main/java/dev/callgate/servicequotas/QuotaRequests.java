package dev.callgate.servicequotas;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Pages;
import dev.callgate.requests.ChangeRequest;
import dev.callgate.requests.ChangeRequests;
import dev.callgate.requests.ListedQuota;
import dev.callgate.requests.RequestFilter;
import dev.callgate.requests.RequestKind;
import dev.callgate.requests.RequestStatus;
import java.time.Instant;
import java.util.Arrays;
import software.amazon.awssdk.services.servicequotas.model.AppliedLevelEnum;
import software.amazon.awssdk.services.servicequotas.model.GetRequestedServiceQuotaChangeRequest;
import software.amazon.awssdk.services.servicequotas.model.GetRequestedServiceQuotaChangeResponse;
import software.amazon.awssdk.services.servicequotas.model.ListRequestedServiceQuotaChangeHistoryByQuotaRequest;
import software.amazon.awssdk.services.servicequotas.model.ListRequestedServiceQuotaChangeHistoryByQuotaResponse;
import software.amazon.awssdk.services.servicequotas.model.ListRequestedServiceQuotaChangeHistoryRequest;
import software.amazon.awssdk.services.servicequotas.model.ListRequestedServiceQuotaChangeHistoryResponse;
import software.amazon.awssdk.services.servicequotas.model.RequestServiceQuotaIncreaseRequest;
import software.amazon.awssdk.services.servicequotas.model.RequestServiceQuotaIncreaseResponse;
import software.amazon.awssdk.services.servicequotas.model.RequestedServiceQuotaChange;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasResponse;

/** Quota increase requests through Service Quotas: submission, and the caller's history of them. */
final class QuotaRequests implements OperationFamily<ServiceQuotasRequest, ServiceQuotasResponse> {
    private final ChangeRequests requests;

    QuotaRequests(ChangeRequests requests) {
        this.requests = requests;
    }

    @Override
    public void register(OperationHandlers<ServiceQuotasRequest, ServiceQuotasResponse> handlers) {
        handlers.on(RequestServiceQuotaIncreaseRequest.class, this::request);
        handlers.on(GetRequestedServiceQuotaChangeRequest.class, this::get);
        handlers.on(ListRequestedServiceQuotaChangeHistoryRequest.class, this::history);
        handlers.on(ListRequestedServiceQuotaChangeHistoryByQuotaRequest.class, this::historyByQuota);
    }

    RequestServiceQuotaIncreaseResponse request(Caller caller, RequestServiceQuotaIncreaseRequest request) {
        ChangeRequest stored = requests.requestIncrease(caller, request.serviceCode(), request.quotaCode(), request.desiredValue(),
                request.contextId());
        return RequestServiceQuotaIncreaseResponse.builder().requestedQuota(change(stored)).build();
    }

    GetRequestedServiceQuotaChangeResponse get(Caller caller, GetRequestedServiceQuotaChangeRequest request) {
        ChangeRequest stored = requests.get(caller, request.requestId());
        if (stored.kind() != RequestKind.QUOTA_INCREASE) {
            throw new ServiceError(ServiceQuotasErrors.NO_SUCH_RESOURCE, "Request " + request.requestId()
                    + " is not a quota increase: Callgate's own API shows it.");
        }
        return GetRequestedServiceQuotaChangeResponse.builder().requestedQuota(change(stored)).build();
    }

    ListRequestedServiceQuotaChangeHistoryResponse history(Caller caller, ListRequestedServiceQuotaChangeHistoryRequest request) {
        if (request.serviceCode() != null) {
            quota(request.serviceCode(), null);
        }
        Pages.Page<ChangeRequest> page = page(caller, null, request.statusAsString(), request.quotaRequestedAtLevel(),
                request.maxResults(), request.nextToken());
        return ListRequestedServiceQuotaChangeHistoryResponse.builder()
                .requestedQuotas(page.items().stream().map(QuotaRequests::change).toList()).nextToken(page.nextToken()).build();
    }

    ListRequestedServiceQuotaChangeHistoryByQuotaResponse historyByQuota(Caller caller,
            ListRequestedServiceQuotaChangeHistoryByQuotaRequest request) {
        ListedQuota quota = quota(request.serviceCode(), request.quotaCode());
        Pages.Page<ChangeRequest> page = page(caller, quota.code(), request.statusAsString(), request.quotaRequestedAtLevel(),
                request.maxResults(), request.nextToken());
        return ListRequestedServiceQuotaChangeHistoryByQuotaResponse.builder()
                .requestedQuotas(page.items().stream().map(QuotaRequests::change).toList()).nextToken(page.nextToken()).build();
    }

    private Pages.Page<ChangeRequest> page(Caller caller, String quotaCode, String status, AppliedLevelEnum level,
            Integer maxResults, String nextToken) {
        RequestStatus wanted = status == null ? null : parseStatus(status);
        Boolean perInstance = level == null || level == AppliedLevelEnum.ALL ? null : level == AppliedLevelEnum.RESOURCE;
        Pages.Cursor cursor = QuotaCatalog.cursor("RequestHistory/" + quotaCode + "/" + status + "/" + level + "@" + caller.accountId()
                + "/" + caller.region(), maxResults, nextToken);
        return requests.page(new RequestFilter(caller.accountId(), caller.region(), RequestKind.QUOTA_INCREASE, wanted, quotaCode, perInstance),
                cursor);
    }

    private static RequestStatus parseStatus(String status) {
        try {
            return RequestStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new ServiceError(ServiceQuotasErrors.ILLEGAL_ARGUMENT, "Status must be one of "
                    + Arrays.toString(RequestStatus.values()) + "; got '" + status + "'.");
        }
    }

    /** A listed quota of a service: NoSuchResourceException for another service or an unknown code; a null code only checks the service. */
    static ListedQuota quota(String serviceCode, String quotaCode) {
        return ChangeRequests.listedQuota(serviceCode, quotaCode);
    }

    /** A quota's ARN: an applied quota's carries the account, a default's an empty one. */
    static String arn(String region, String accountId, ListedQuota quota) {
        return "arn:aws:servicequotas:" + region + ":" + accountId + ":" + ListedQuota.SERVICE_CODE + "/" + quota.code();
    }

    static RequestedServiceQuotaChange change(ChangeRequest request) {
        ListedQuota quota = ListedQuota.byCode(request.quotaCode()).orElseThrow();
        RequestedServiceQuotaChange.Builder change = RequestedServiceQuotaChange.builder()
                .id(request.id()).caseId(request.caseId())
                .serviceCode(ListedQuota.SERVICE_CODE).serviceName(ListedQuota.SERVICE_NAME)
                .quotaCode(quota.code()).quotaName(quota.name()).desiredValue(request.desiredValue())
                .status(request.status().name())
                .created(Instant.ofEpochMilli(request.created())).lastUpdated(Instant.ofEpochMilli(request.lastUpdated()))
                .requester(request.requester()).quotaArn(arn(request.region(), request.accountId(), quota))
                .globalQuota(false).unit("None")
                .quotaRequestedAtLevel(quota.perInstance() ? AppliedLevelEnum.RESOURCE : AppliedLevelEnum.ACCOUNT);
        if (request.contextId() != null) {
            change.quotaContext(QuotaCatalog.context(request.contextId()));
        }
        return change.build();
    }
}
