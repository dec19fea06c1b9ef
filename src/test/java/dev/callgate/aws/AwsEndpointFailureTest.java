package dev.callgate.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.accounts.Caller;
import dev.callgate.http.Answer;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.ConnectClient;

/** A failure nobody expected is answered in the service's own error form wherever it happens, not as a bare 500. */
class AwsEndpointFailureTest {
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/connect/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";

    @Test
    void aFailureWhileAdmittingOnTheEventLoopIsTheServicesInternalError() {
        ServiceModel model = new ServiceModel(ConnectClient.class);
        AwsService.Admission failing = new AwsService.Admission() {
            @Override
            public ServiceError refusal(Caller caller, String operation) {
                throw new IllegalStateException("a bug in the admission");
            }

            @Override
            public boolean decidesAtOnce(Caller caller, String operation) {
                return true;
            }
        };
        AwsService<Object, Object> connect = new AwsService<>(ConnectClient.SERVICE_NAME, "Amazon Connect", model, new RestPathRouter(model),
                new RestJsonCodec("/dev/callgate/aws/connect-required-members.properties", "/dev/callgate/aws/connect-constraints.properties"),
                new OperationHandlers<>(), ErrorCatalog.AS_DECLARED, failing);
        AwsEndpoint endpoint = new AwsEndpoint(new SigV4Authenticator(false, List.of(), Clock.systemUTC()), List.of(connect));
        WireRequest listInstances = new WireRequest("GET", "/instance", "", Map.of(), Map.of("authorization", List.of(AUTHORIZATION),
                "x-amz-date", List.of("20260101T000000Z"), "host", List.of("localhost")), new byte[0]);

        Answer answer = endpoint.receive(listInstances, "request-1");

        assertThat(answer.isDecided()).isTrue();
        WireResponse response = answer.resolve();
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "InternalServiceException");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("Internal failure (request request-1)");
    }
}
