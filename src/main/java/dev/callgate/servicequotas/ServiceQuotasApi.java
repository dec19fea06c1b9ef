package dev.callgate.servicequotas;

import dev.callgate.aws.AwsJsonCodec;
import dev.callgate.aws.AwsService;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceModel;
import dev.callgate.aws.TargetRouter;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.throttle.ApiThrottle;
import java.util.Map;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasRequest;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasResponse;

/**
 * The Service Quotas API as the AWS endpoint serves it: AWS JSON 1.1 routed by {@code X-Amz-Target},
 * Service Quotas' error names, and its own throttle rates.
 */
public final class ServiceQuotasApi {
    private static final String REQUIRED_MEMBERS = "/dev/callgate/servicequotas/required-members.properties";
    private static final String CONSTRAINTS = "/dev/callgate/servicequotas/constraints.properties";
    /**
     * Service Quotas' published rates per account: RequestServiceQuotaIncrease 3/s, Get* 5/s, List* 10/s,
     * the history lists 5/s. No burst is published: each bucket holds one second's tokens.
     */
    static final Edition.ThrottleRates RATES = new Edition.ThrottleRates(new Edition.Rate(5, 5), Map.of(
            "RequestServiceQuotaIncrease", new Edition.Rate(3, 3),
            "ListServices", new Edition.Rate(10, 10),
            "ListServiceQuotas", new Edition.Rate(10, 10),
            "ListAWSDefaultServiceQuotas", new Edition.Rate(10, 10),
            "ListRequestedServiceQuotaChangeHistory", new Edition.Rate(5, 5),
            "ListRequestedServiceQuotaChangeHistoryByQuota", new Edition.Rate(5, 5)));

    private ServiceQuotasApi() {
    }

    public static AwsService<ServiceQuotasRequest, ServiceQuotasResponse> service(
            OperationHandlers<ServiceQuotasRequest, ServiceQuotasResponse> handlers, ApiThrottle throttle) {
        ServiceModel model = new ServiceModel(ServiceQuotasClient.class);
        String signingName = ServiceQuotasClient.SERVICE_NAME;
        throttle.addService(signingName, RATES);
        return new AwsService<>(signingName, "Service Quotas", model, new TargetRouter(model),
                new AwsJsonCodec(REQUIRED_MEMBERS, CONSTRAINTS), handlers, ServiceQuotasErrors.CATALOG,
                throttle.admission(signingName, caller -> { }));
    }
}
