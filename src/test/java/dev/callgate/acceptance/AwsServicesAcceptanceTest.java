package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.testing.Clients;
import dev.callgate.testing.RawAws;
import dev.callgate.testing.ServerSuite;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.servicequotas.model.ListServicesResponse;
import software.amazon.awssdk.services.servicequotas.model.ServiceInfo;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasException;

/**
 * Two AWS services on one port, through one request path: Amazon Connect routed by method and path
 * (REST-JSON), Service Quotas by X-Amz-Target (AWS JSON 1.1), each answering errors in its own form.
 */
class AwsServicesAcceptanceTest extends ServerSuite {
    ServiceQuotasClient quotas;
    RawAws raw;

    /** Once, after the suite's server has started (it starts before the first test). */
    @BeforeEach
    void clients() {
        if (quotas != null) {
            return;
        }
        quotas = Clients.serviceQuotas(server.port(), ACCOUNT, "us-east-1");
        raw = new RawAws(server.port(), ACCOUNT);
    }

    @AfterAll
    void closeClients() {
        quotas.close();
    }

    @Test
    void restPathRouterServesConnectByMethodAndPath() {
        String id = connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias("routed")
                .inboundCallsEnabled(true).outboundCallsEnabled(true)).id();

        assertThat(connect.describeInstance(r -> r.instanceId(id)).instance().instanceAlias()).isEqualTo("routed");
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).extracting(s -> s.id()).containsExactly(id);
    }

    @Test
    void targetRouterServesServiceQuotasListServices() {
        ListServicesResponse page = quotas.listServices(r -> r.maxResults(1));

        assertThat(page.services()).containsExactly(ServiceInfo.builder().serviceCode("connect").serviceName("Amazon Connect").build());
        assertThat(page.nextToken()).isNull();
        assertThat(quotas.listServicesPaginator(r -> { }).services()).extracting(ServiceInfo::serviceCode).containsExactly("connect");
    }

    @Test
    void serviceQuotasRefusesAPageSizeOutOfRangeAsIllegalArgument() {
        assertThatThrownBy(() -> quotas.listServices(r -> r.maxResults(101)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.servicequotas.model.IllegalArgumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("MaxResults", "100", "101");
                });
    }

    @Test
    void serviceQuotasRefusesATokenItNeverIssued() {
        assertThatThrownBy(() -> quotas.listServices(r -> r.nextToken("forged")))
                .isInstanceOfSatisfying(InvalidPaginationTokenException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void unimplementedServiceQuotasOperationIsNamedByItsWireName() {
        // Every quota operation is implemented; the template ones are not.
        assertThatThrownBy(() -> quotas.getAssociationForServiceQuotaTemplate(r -> { }))
                .isInstanceOfSatisfying(ServiceQuotasException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                    assertThat(e.getMessage()).contains("Service Quotas operation GetAssociationForServiceQuotaTemplate");
                });
    }

    @Test
    void unknownTargetIsA400InServiceQuotasForm() {
        HttpResponse<String> response = raw.call("servicequotas", "ServiceQuotasV20190624.ListEverything", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"", "ServiceQuotasV20190624.ListEverything");
    }

    @Test
    void malformedServiceQuotasBodyIsAnIllegalArgument() {
        HttpResponse<String> response = raw.call("servicequotas", "ServiceQuotasV20190624.ListServices", "{\"MaxResults\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("IllegalArgumentException");
        assertThat(response.body()).contains("not valid JSON");
    }

    @Test
    void wrongMemberKindIsAnIllegalArgumentNamingTheMember() {
        HttpResponse<String> response = raw.call("servicequotas", "ServiceQuotasV20190624.ListServices", "{\"MaxResults\":\"ten\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("IllegalArgumentException", "MaxResults must be an integer");
    }

    @Test
    void unsignedRequestForServiceQuotasIsRefusedInItsForm() {
        HttpResponse<String> response = server.operator().send("POST", "/", "{}",
                Map.of("X-Amz-Target", "ServiceQuotasV20190624.ListServices"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
    }

    @Test
    void serviceCallgateDoesNotServeIsNamed() {
        HttpResponse<String> response = raw.call("dynamodb", "DynamoDB_20120810.ListTables", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestException");
        assertThat(response.body()).contains("does not serve the AWS service 'dynamodb'");
    }

    @Test
    void oversizedServiceQuotasBodyIsRefusedInItsForm() {
        HttpResponse<String> response = raw.call("servicequotas", "ServiceQuotasV20190624.ListServices",
                "{\"NextToken\":\"" + "x".repeat(1 << 20) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("IllegalArgumentException");
        assertThat(response.body()).contains("1 MiB");
    }
}
