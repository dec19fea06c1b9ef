package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.accounts.AccessKey;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Operator;
import dev.callgate.testing.RawHttp;
import dev.callgate.testing.RunningServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.DirectoryType;

/** Strict mode: only known keys with valid, fresh signatures reach a handler (signatures recomputed with the SDK's own signers). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictAuthAcceptanceTest {
    static final String ACCOUNT = "210987654321";
    static final AccessKey ALICE = new AccessKey("AKIAALICE0000000001", "alice-secret", ACCOUNT, "alice");
    static final AccessKey BOB = new AccessKey("AKIABOB000000000002", "bob-secret", ACCOUNT, "bob");
    RunningServer server;

    @BeforeAll
    void start() {
        server = RunningServer.start(null, s -> s.withStrictAuth("operator-secret", List.of(ALICE, BOB)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void knownKeysOfOneAccountShareItsInstances() {
        try (ConnectClient alice = client(ALICE.accessKeyId(), ALICE.secretAccessKey());
             ConnectClient bob = client(BOB.accessKeyId(), BOB.secretAccessKey())) {
            String id = alice.createInstance(r -> r.identityManagementType(DirectoryType.SAML).instanceAlias("strict-shared")
                    .inboundCallsEnabled(true).outboundCallsEnabled(true)).id();

            assertThat(bob.describeInstance(r -> r.instanceId(id)).instance().arn()).contains(":" + ACCOUNT + ":");
        }
    }

    @Test
    void unknownKeyIsUnrecognized() {
        try (ConnectClient stranger = client("AKIASTRANGER0000003", "whatever")) {
            assertThatThrownBy(() -> stranger.listInstances(r -> { }))
                    .isInstanceOfSatisfying(ConnectException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    @Test
    void wrongSecretIsAnInvalidSignature() {
        try (ConnectClient forger = client(ALICE.accessKeyId(), "not-alice-secret")) {
            assertThatThrownBy(() -> forger.listInstances(r -> { }))
                    .isInstanceOfSatisfying(ConnectException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void tamperedBodyIsAnInvalidSignature() throws Exception {
        SdkHttpFullRequest signed = sign(SdkHttpMethod.PUT, "/instance", "{\"InstanceAlias\":\"a\"}", Instant.now());

        HttpResponse<String> response = send(signed, "{\"InstanceAlias\":\"b\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
    }

    @Test
    void requestSignedSixMinutesAgoHasAnExpiredSignature() throws Exception {
        SdkHttpFullRequest signed = sign(SdkHttpMethod.GET, "/instance", null, Instant.now().minus(Duration.ofMinutes(6)));

        HttpResponse<String> response = send(signed, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
        assertThat(response.body()).contains("Signature expired");
    }

    @Test
    void requestSignedFourMinutesAgoIsAccepted() throws Exception {
        SdkHttpFullRequest signed = sign(SdkHttpMethod.GET, "/instance", null, Instant.now().minus(Duration.ofMinutes(4)));

        assertThat(send(signed, null).statusCode()).isEqualTo(200);
    }

    @Test
    void requestSignedAsBotocoreSignsIsAccepted() throws Exception {
        // botocore (the AWS CLI) does not sign x-amz-content-sha256; the SDK's Aws4Signer signs like it.
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol("http")
                .host("127.0.0.1").port(server.port()).encodedPath("/instance").putRawQueryParameter("maxResults", "3").build();
        @SuppressWarnings("deprecation")
        SdkHttpFullRequest signed = Aws4Signer.create().sign(unsigned, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(BOB.accessKeyId(), BOB.secretAccessKey()))
                .signingName("connect").signingRegion(Region.US_EAST_1).build());

        HttpResponse<String> response = send(signed, null);

        assertThat(signed.firstMatchingHeader("Authorization").orElseThrow()).doesNotContain("x-amz-content-sha256");
        assertThat(response.statusCode()).isEqualTo(200);
    }


    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a Host with a port that is no number|GET|/instance|Host: 127.0.0.1:abc",
        "a Host that is only a colon|GET|/instance|Host: :",
        "an unclosed IPv6 Host|GET|/instance|Host: [::1",
        "an empty Host|GET|/instance|Host: ",
        "a method no HTTP library knows|FOO|/instance|",
        "a path with a broken percent escape|GET|/instance/a%zz|",
    })
    void requestsTheSignatureCheckCannotCanonicalizeAreRefusedNotFailed(String what, String method, String path, String header) {
        SdkHttpFullRequest signed = sign(SdkHttpMethod.GET, "/instance/abc", null, Instant.now());

        RawHttp.Response response = sendRaw(method, path, signed, header == null ? "" : header);

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.errorType()).isNotNull();
    }

    @Test
    void anEmptyRegionInTheCredentialScopeIsRefusedNotFailed() {
        SdkHttpFullRequest signed = sign(SdkHttpMethod.GET, "/instance", null, Instant.now());
        String authorization = signed.firstMatchingHeader("Authorization").orElseThrow().replace("/us-east-1/", "//");

        RawHttp.Response response = sendRaw("GET", "/instance", signed, "Authorization: " + authorization);

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.errorType()).isNotNull();
    }


    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', value = {
        "SignedHeaders without host|connect",
        "SignedHeaders naming a header not sent|connect",
        "a scope terminator edited|connect",
        "a scope date edited|connect",
        "SignedHeaders without host|servicequotas",
        "SignedHeaders naming a header not sent|servicequotas",
        "a scope terminator edited|servicequotas",
        "a scope date edited|servicequotas",
    })
    void everyPartOfTheAuthorizationHeaderIsAuthenticated(String edit, String service) {
        boolean connect = service.equals("connect");
        SdkHttpFullRequest signed = connect ? sign(SdkHttpMethod.GET, "/instance", null, Instant.now())
                : sign(SdkHttpMethod.POST, "/", "{}", Instant.now(), "servicequotas", Map.of("X-Amz-Target", "ServiceQuotasV20190624.ListServices"));
        String authorization = signed.firstMatchingHeader("Authorization").orElseThrow();
        String date = signed.firstMatchingHeader("X-Amz-Date").orElseThrow().substring(0, 8);
        String edited = switch (edit) {
            case "SignedHeaders without host" -> authorization.replace(";host;", ";").replace("SignedHeaders=host;", "SignedHeaders=");
            case "SignedHeaders naming a header not sent" -> authorization.replace(";x-amz-date", ";x-amz-date;x-not-sent");
            case "a scope terminator edited" -> authorization.replace("/aws4_request", "/aws4_requesX");
            default -> authorization.replace("/" + date + "/", "/" + LocalDate.parse(date, DateTimeFormatter.BASIC_ISO_DATE).minusDays(1)
                    .format(DateTimeFormatter.BASIC_ISO_DATE) + "/");
        };
        assertThat(edited).isNotEqualTo(authorization);

        RawHttp.Response untouched = sendRaw(signed.method().name(), signed.encodedPath(), signed, "Authorization: " + authorization, connect ? "" : "{}");
        RawHttp.Response response = sendRaw(signed.method().name(), signed.encodedPath(), signed, "Authorization: " + edited, connect ? "" : "{}");

        assertThat(untouched.status()).isEqualTo(200);
        assertThat(response.status()).isEqualTo(connect ? 403 : 400);
        assertThat(response.errorType()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void operatorApiNeedsTheOperatorToken() {
        assertThat(new Operator(server.port()).send("GET", "/_callgate/editions", null).statusCode()).isEqualTo(403);
        assertThat(new Operator(server.port(), "wrong").send("GET", "/_callgate/editions", null).statusCode()).isEqualTo(403);
        assertThat(new Operator(server.port(), "operator-secret").send("GET", "/_callgate/editions", null).statusCode()).isEqualTo(200);
        assertThat(new Operator(server.port()).send("GET", "/_callgate/health", null).statusCode()).isEqualTo(200);
    }

    private ConnectClient client(String key, String secret) {
        return Clients.connect(server.port(), key, secret, "us-east-1", false);
    }

    /** Signs a request with the SDK's signer as ALICE, at a chosen time. */
    private SdkHttpFullRequest sign(SdkHttpMethod method, String path, String body, Instant at) {
        return sign(method, path, body, at, "connect", Map.of());
    }

    private SdkHttpFullRequest sign(SdkHttpMethod method, String path, String body, Instant at, String service, Map<String, String> headers) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method).protocol("http")
                .host("127.0.0.1").port(server.port()).encodedPath(path);
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        headers.forEach(request::putHeader);
        byte[] payload = body == null ? new byte[0] : body.getBytes();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ALICE.accessKeyId(), ALICE.secretAccessKey()))
                .request(request.build())
                .payload(() -> new ByteArrayInputStream(payload))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return (SdkHttpFullRequest) signed.request();
    }

    /** Sends a signed request as raw HTTP with another method and path, and one header line replaced or added. */
    private RawHttp.Response sendRaw(String method, String path, SdkHttpFullRequest signed, String headerLine) {
        return sendRaw(method, path, signed, headerLine, "");
    }

    private RawHttp.Response sendRaw(String method, String path, SdkHttpFullRequest signed, String headerLine, String body) {
        String replaced = headerLine.isEmpty() ? "" : headerLine.substring(0, headerLine.indexOf(':'));
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        if (!replaced.equalsIgnoreCase("host")) {
            head.append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
        }
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase(replaced)) {
                values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
            }
        });
        if (!headerLine.isEmpty()) {
            head.append(headerLine).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        return new RawHttp(server.port(), 10_000).exchange(head.toString(), bytes);
    }

    private HttpResponse<String> send(SdkHttpFullRequest signed, String body) throws Exception {
        String query = signed.encodedQueryParameters().map(q -> "?" + q).orElse("");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + signed.encodedPath() + query))
                .method(signed.method().name(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
