package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.testing.RawAws;
import dev.callgate.testing.ServerSuite;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;

/** What the Connect face answers to input no handler should see: always a modelled 4xx, never a 500, never a change. */
class WireAcceptanceTest extends ServerSuite {
    RawAws raw;

    @BeforeEach
    void rawClient() {
        raw = new RawAws(server.port(), ACCOUNT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON|{\"IdentityManagementType\":|InvalidRequestException|not valid JSON",
        "a JSON array body|[1,2]|InvalidRequestException|must be a JSON object",
        "a string where a boolean belongs|{\"IdentityManagementType\":\"SAML\",\"InstanceAlias\":\"a\",\"InboundCallsEnabled\":\"yes\",\"OutboundCallsEnabled\":true}|InvalidParameterException|InboundCallsEnabled must be a boolean",
        "a number where a string belongs|{\"IdentityManagementType\":\"SAML\",\"InstanceAlias\":7,\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}|InvalidParameterException|InstanceAlias must be a string",
        "a list where a map belongs|{\"IdentityManagementType\":\"SAML\",\"InstanceAlias\":\"a\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true,\"Tags\":[1]}|InvalidParameterException|Tags must be a map",
        "a missing required member|{\"IdentityManagementType\":\"SAML\",\"InstanceAlias\":\"a\",\"InboundCallsEnabled\":true}|InvalidParameterException|Required member OutboundCallsEnabled is missing",
        "an unknown enum value|{\"IdentityManagementType\":\"LDAP\",\"InstanceAlias\":\"a\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}|InvalidParameterException|IdentityManagementType must be one of",
    })
    void badCreateInstanceBodiesAreRefusedAndChangeNothing(String what, String body, String code, String message) {
        HttpResponse<String> response = raw.send("PUT", "/instance", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(code);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).contains("\"__type\":\"" + code + "\"").contains(message);
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).isEmpty();
    }

    @Test
    void bodyOverOneMebibyteIsRefused() {
        String huge = "{\"InstanceAlias\":\"" + "x".repeat(1 << 20) + "\"}";

        HttpResponse<String> response = raw.send("PUT", "/instance", huge);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidRequestException", "1 MiB");
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).isEmpty();
    }

    @Test
    void unknownPathIsAModelledErrorNotAnHtmlPage() {
        HttpResponse<String> response = raw.send("GET", "/no/such/thing", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("InvalidRequestException", "GET /no/such/thing");
    }

    @Test
    void unimplementedOperationIsNamed() {
        assertThatThrownBy(() -> connect.describeEvaluationForm(r -> r.instanceId("i").evaluationFormId("f")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("DescribeEvaluationForm");
                });
    }

    @Test
    void badQueryParameterIsRefused() {
        HttpResponse<String> response = raw.send("GET", "/instance?maxResults=many", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidParameterException", "maxResults");
    }

    @Test
    void outOfRangePageSizeIsRefusedThroughTheSdk() {
        assertThatThrownBy(() -> connect.listInstances(r -> r.maxResults(0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("MaxResults");
    }

    @Test
    void forgedNextTokenIsRefused() {
        assertThatThrownBy(() -> connect.listInstances(r -> r.nextToken("not-ours")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("NextToken");
    }

    @Test
    void unsignedRequestNeverReachesAHandler() {
        HttpResponse<String> response = server.operator().send("GET", "/instance", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
    }

    @Test
    void errorsCarryBareCodeAndRequestIdThatTheSdkReads() {
        assertThatThrownBy(() -> connect.describeInstance(r -> r.instanceId("00000000-0000-0000-0000-000000000000")))
                .isInstanceOfSatisfying(ConnectException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.statusCode()).isEqualTo(404);
                });
    }

    @Test
    void existingDirectoryNeedsADirectoryId() {
        assertThatThrownBy(() -> connect.createInstance(r -> r.identityManagementType(DirectoryType.EXISTING_DIRECTORY)
                .inboundCallsEnabled(true).outboundCallsEnabled(true)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("DirectoryId");
    }
}
