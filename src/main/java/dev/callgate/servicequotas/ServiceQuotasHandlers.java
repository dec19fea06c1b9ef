package dev.callgate.servicequotas;

import dev.callgate.aws.OperationHandlers;
import dev.callgate.requests.ChangeRequests;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasResponse;

/** The Service Quotas operations Callgate implements: every family's, each registered by the family itself. */
public final class ServiceQuotasHandlers {
    private ServiceQuotasHandlers() {
    }

    public static OperationHandlers<ServiceQuotasRequest, ServiceQuotasResponse> of(ChangeRequests requests) {
        return new OperationHandlers<ServiceQuotasRequest, ServiceQuotasResponse>().with(
                new ServiceDirectory(),
                new QuotaCatalog(requests),
                new QuotaRequests(requests));
    }
}
