package dev.callgate.servicequotas;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import software.amazon.awssdk.services.servicequotas.model.ListServicesRequest;
import software.amazon.awssdk.services.servicequotas.model.ListServicesResponse;
import software.amazon.awssdk.services.servicequotas.model.ServiceInfo;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasResponse;

/** The AWS services whose quotas Callgate keeps: Amazon Connect only, so every list is one page. */
final class ServiceDirectory implements OperationFamily<ServiceQuotasRequest, ServiceQuotasResponse> {
    private static final ServiceInfo CONNECT = ServiceInfo.builder().serviceCode("connect").serviceName("Amazon Connect").build();

    @Override
    public void register(OperationHandlers<ServiceQuotasRequest, ServiceQuotasResponse> handlers) {
        handlers.on(ListServicesRequest.class, this::listServices);
    }

    ListServicesResponse listServices(Caller caller, ListServicesRequest request) {
        // MaxResults is already within the model's 1 to 100 (MemberRules), and one page holds every service.
        if (request.nextToken() != null) {
            // So no list ever hands out a token.
            throw new ServiceError(ServiceQuotasErrors.INVALID_PAGINATION_TOKEN,
                    "NextToken '" + request.nextToken() + "' was not issued by a ListServices call.");
        }
        return ListServicesResponse.builder().services(CONNECT).build();
    }
}
