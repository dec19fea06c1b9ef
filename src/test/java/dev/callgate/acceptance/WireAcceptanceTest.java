package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.testing.Fixtures;
import dev.callgate.testing.RawAws;
import dev.callgate.testing.ServerSuite;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.ContactFlowType;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.InvalidContactFlowException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;

/** What the Connect face answers to input no handler should see: always a modelled 4xx, never a 500, never a change. */
class WireAcceptanceTest extends ServerSuite {
    static final String CREATE = "{\"IdentityManagementType\":\"SAML\",\"InstanceAlias\":\"a\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}";
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "trailing garbage after the object|" + CREATE + "x|InvalidRequestException|not valid JSON",
        "a second object after the first|" + CREATE + "{}|InvalidRequestException|not valid JSON",
        "a member named twice|{\"InstanceAlias\":\"a\",\"InstanceAlias\":\"b\",\"IdentityManagementType\":\"SAML\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}|InvalidRequestException|Duplicate field 'InstanceAlias'",
    })
    void malformedJsonIsRefusedAndChangesNothing(String what, String body, String code, String message) {
        HttpResponse<String> response = raw.send("PUT", "/instance", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(code, message);
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE"})
    void aBodyInAnotherEncodingThanUtf8IsRefused(String charset) {
        HttpResponse<String> response = raw.sendBytes("PUT", "/instance", CREATE.getBytes(Charset.forName(charset)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidRequestException", "not UTF-8");
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nesting deeper than 1000|nesting depth",
        "a number of more than 1000 digits|Number value length",
    })
    void inputOverJacksonsLimitsIsA400NotA500(String what, String message) {
        String hostile = what.startsWith("nesting") ? "[".repeat(1001) + "]".repeat(1001) : "1".repeat(1001);
        String body = CREATE.substring(0, CREATE.length() - 1) + ",\"Tags\":{\"k\":" + hostile + "}}";

        HttpResponse<String> response = raw.send("PUT", "/instance", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidRequestException", message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nesting deeper than 1000|nesting depth",
        "a number of more than 1000 digits|Number value length",
        "trailing garbage|not valid JSON",
        "a member named twice|Duplicate field",
    })
    void contactFlowContentOverJacksonsLimitsOrMalformedIsAnInvalidContactFlow(String what, String message) {
        Fixtures fx = Fixtures.newInstance(connect, "flows");
        String content = switch (what) {
            case "nesting deeper than 1000" -> "{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
            case "a number of more than 1000 digits" -> "{\"a\":" + "1".repeat(1001) + "}";
            case "trailing garbage" -> "{\"a\":1} x";
            default -> "{\"a\":1,\"a\":2}";
        };

        assertThatThrownBy(() -> connect.createContactFlow(r -> r.instanceId(fx.instanceId).name("hostile")
                .type(ContactFlowType.CONTACT_FLOW).content(content)))
                .isInstanceOfSatisfying(InvalidContactFlowException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains(message));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws-us-gov:connect:us-east-1:", "arn:aws:connect:us-west-2:", "arn:aws-us-gov:connect:us-west-2:"})
    void anInstanceArnOfAnotherPartitionOrRegionNamesNothing(String prefix) {
        String id = Fixtures.newInstance(connect, "arn-scope").instanceId;
        String foreign = prefix + ACCOUNT + ":instance/" + id;

        assertThat(connect.describeInstance(r -> r.instanceId("arn:aws:connect:us-east-1:" + ACCOUNT + ":instance/" + id)).instance().id())
                .isEqualTo(id);
        assertThatThrownBy(() -> connect.describeInstance(r -> r.instanceId(foreign)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> connect.listTagsForResource(r -> r.resourceArn(foreign)))
                .isInstanceOfSatisfying(ConnectException.class, e -> assertThat(e.statusCode()).isIn(400, 404));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET|/instance?maxResults=11|maxResults is 11; the model allows 1 to 10",
        "GET|/instance?maxResults=0|maxResults is 0; the model allows 1 to 10",
        "GET|/instance/00000000-0000-4000-8000-000000000000/lambda-functions?maxResults=26|maxResults is 26; the model allows 1 to 25",
        "GET|/instance/00000000-0000-4000-8000-000000000000/lex-bots?maxResults=26|maxResults is 26; the model allows 1 to 25",
        "GET|/instance/00000000-0000-4000-8000-000000000000/bots?maxResults=26&lexVersion=V2|maxResults is 26; the model allows 1 to 25",
        "GET|/instance/00000000-0000-4000-8000-000000000000/bots?lexVersion=V3|lexVersion must be one of V1, V2",
    })
    void membersOutsideTheModelsConstraintsAreRefusedNamingTheBound(String method, String path, String message) {
        HttpResponse<String> response = raw.send(method, path, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterException");
        assertThat(response.body()).contains(message);
    }

    @ParameterizedTest
    @ValueSource(ints = {46, 62})
    void anInstanceAliasLongerThanTheModels45CharactersIsRefused(int length) {
        String body = CREATE.replace("\"InstanceAlias\":\"a\"", "\"InstanceAlias\":\"" + "a".repeat(length) + "\"");

        HttpResponse<String> response = raw.send("PUT", "/instance", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidParameterException", "InstanceAlias is " + length + " characters long; the model allows 1 to 45");
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).isEmpty();
    }

    @Test
    void nestedAndListMembersAreCheckedToo() {
        String tooManyTags = IntStream.range(0, 51).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}"));
        String body = CREATE.substring(0, CREATE.length() - 1) + ",\"Tags\":" + tooManyTags + "}";
        String awsKey = CREATE.substring(0, CREATE.length() - 1) + ",\"Tags\":{\"aws:owner\":\"x\"}}";

        assertThat(raw.send("PUT", "/instance", body).body()).contains("Tags is 51 entries; the model allows 1 to 50");
        assertThat(raw.send("PUT", "/instance", awsKey).body()).contains("Tags key 'aws:owner' does not match the pattern");
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
                .hasMessageContaining("maxResults is 0; the model allows 1 to 10");
    }

    @Test
    void forgedNextTokenIsRefused() {
        assertThatThrownBy(() -> connect.listInstances(r -> r.nextToken("not-ours")))
                .isInstanceOf(InvalidRequestException.class)
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
