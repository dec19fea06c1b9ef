package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.config.Settings;
import dev.callgate.requests.ApprovalPolicy;
import dev.callgate.testing.Clients;
import dev.callgate.testing.ServerSuite;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.RequestStatus;
import software.amazon.awssdk.services.servicequotas.model.RequestedServiceQuotaChange;

/** A graded approval policy: approved up to twice the default, denied above ten times, a case between (docs/limits.md §7). */
class ApprovalPolicyAcceptanceTest extends ServerSuite {

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withApprovalPolicy(ApprovalPolicy.parse("auto-up-to=2x,deny-above=10x"));
    }

    @Test
    void decidesByTheDesiredValueAgainstTheDefault() {
        try (ServiceQuotasClient quotas = Clients.serviceQuotas(server.port(), ACCOUNT, "us-east-1")) {
            RequestedServiceQuotaChange approved = increase(quotas, "L-AA17A6B9", 10);
            assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
            assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode("L-AA17A6B9")).quota().value()).isEqualTo(10.0);

            RequestedServiceQuotaChange caseOpened = increase(quotas, "CG-API-RATE", 6);
            assertThat(caseOpened.status()).isEqualTo(RequestStatus.CASE_OPENED);
            assertThat(caseOpened.caseId()).isNotBlank();
            assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode("CG-API-RATE")).quota().value()).isEqualTo(2.0);

            RequestedServiceQuotaChange denied = increase(quotas, "L-AA17A6B9", 51);
            assertThat(denied.status()).isEqualTo(RequestStatus.DENIED);
            assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode("L-AA17A6B9")).quota().value()).isEqualTo(10.0);
        }
    }

    private static RequestedServiceQuotaChange increase(ServiceQuotasClient quotas, String code, double value) {
        return quotas.requestServiceQuotaIncrease(r -> r.serviceCode("connect").quotaCode(code).desiredValue(value)).requestedQuota();
    }
}
