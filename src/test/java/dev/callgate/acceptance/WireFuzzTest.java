package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.accounts.AccessKey;
import dev.callgate.testing.Operator;
import dev.callgate.testing.RawHttp;
import dev.callgate.testing.RunningServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Seeded random mutations of valid Connect and Service Quotas requests (bodies, headers, paths, methods),
 * signed before they are mutated, against a lenient and a strict server: never a 5xx, never a hang, and a
 * refused request changes no instance count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireFuzzTest {
    static final String ACCOUNT = "111122223333";
    static final AccessKey KEY = new AccessKey("AKIAFUZZ00000000001", "fuzz-secret", ACCOUNT, "fuzz");
    static final String TOKEN = "operator-secret";
    static final int REQUESTS = 500;
    static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "FOO"};
    static final String[] NASTY = {"\"", "{", "}", "[", "]", ",", ":", "\\", "\\u0000", "%", "%zz", "%2F", "/", "..", "9".repeat(30),
        "1e999999999", "-1", "null", "true", "\u00e9", "\uD83D\uDE00", "aws:", "arn:aws-cn:connect:us-west-2:1:instance/x", " "};
    RunningServer lenient;
    RunningServer strict;

    @BeforeAll
    void start() {
        lenient = RunningServer.start(null);
        strict = RunningServer.start(null, s -> s.withStrictAuth(TOKEN, List.of(KEY)));
    }

    @AfterAll
    void stop() {
        lenient.close();
        strict.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void mutatedRequestsAreNeverA5xxNorAHangAndRefusalsChangeNothing(boolean strictMode) {
        RunningServer server = strictMode ? strict : lenient;
        Operator operator = new Operator(server.port(), strictMode ? TOKEN : null);
        RawHttp http = new RawHttp(server.port(), 15_000);
        Random random = new Random(strictMode ? 11 : 7);
        String instanceId = createInstance(http, server.port(), strictMode);
        List<Request> seeds = seeds(instanceId);
        for (int i = 0; i < REQUESTS; i++) {
            Request request = mutate(seeds.get(random.nextInt(seeds.size())), random);
            long before = instances(operator);
            RawHttp.Response response = http.exchange(request.head(server.port(), strictMode), request.bytes());

            assertThat(response).as("answer to %s", request).isNotNull();
            assertThat(response.status()).as("%s -> %s", request, response.body()).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(instances(operator)).as("instances after refused %s", request).isEqualTo(before);
            }
        }
    }

    private long instances(Operator operator) {
        return operator.usage("accounts/" + ACCOUNT + "/quotas?region=us-east-1", "INSTANCES_PER_REGION");
    }

    private String createInstance(RawHttp http, int port, boolean strictMode) {
        Request create = new Request("PUT", "/instance", "connect", Map.of(),
                "{\"IdentityManagementType\":\"CONNECT_MANAGED\",\"InstanceAlias\":\"fuzz\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true}");
        String body = http.exchange(create.head(port, strictMode), create.bytes()).body();
        return body.replaceAll(".*\"Id\":\"([^\"]+)\".*", "$1");
    }

    private static List<Request> seeds(String instanceId) {
        String arn = "arn:aws:connect:us-east-1:" + ACCOUNT + ":instance/" + instanceId;
        String target = "ServiceQuotasV20190624.";
        return List.of(
                new Request("PUT", "/instance", "connect", Map.of(),
                        "{\"IdentityManagementType\":\"SAML\",\"InstanceAlias\":\"f1\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":true,\"Tags\":{\"k\":\"v\"}}"),
                new Request("GET", "/instance?maxResults=5", "connect", Map.of(), ""),
                new Request("GET", "/instance/" + instanceId, "connect", Map.of(), ""),
                new Request("DELETE", "/instance/" + instanceId + "x", "connect", Map.of(), ""),
                new Request("PUT", "/queues/" + instanceId, "connect", Map.of(),
                        "{\"Name\":\"q\",\"HoursOfOperationId\":\"h\",\"MaxContacts\":5,\"Tags\":{\"a\":\"b\"}}"),
                new Request("PUT", "/contact-flows/" + instanceId, "connect", Map.of(),
                        "{\"Name\":\"f\",\"Type\":\"CONTACT_FLOW\",\"Content\":\"{\\\"Version\\\":\\\"2019-10-30\\\",\\\"Actions\\\":[]}\"}"),
                new Request("PUT", "/phone-number/n1", "connect", Map.of(), "{\"TargetArn\":\"" + arn + "\",\"ClientToken\":\"t\"}"),
                new Request("PUT", "/phone-number/n1/metadata", "connect", Map.of(), "{\"PhoneNumberDescription\":\"d\"}"),
                new Request("POST", "/search-users", "connect", Map.of(), "{\"InstanceId\":\"" + instanceId + "\",\"SearchCriteria\":"
                        + "{\"OrConditions\":[{\"HierarchyGroupCondition\":{\"Value\":\"g\",\"HierarchyGroupMatchType\":\"EXACT\"}}]},"
                        + "\"SearchFilter\":{\"UserAttributeFilter\":{\"AndCondition\":{\"TagConditions\":[{\"TagKey\":\"k\"}]}}}}"),
                new Request("POST", "/tags/" + arn.replace("/", "%2F"), "connect", Map.of(), "{\"tags\":{\"team\":\"x\"}}"),
                new Request("GET", "/tags/" + arn.replace("/", "%2F"), "connect", Map.of(), ""),
                new Request("POST", "/", "servicequotas", Map.of("X-Amz-Target", target + "ListServices"), "{\"MaxResults\":10}"),
                new Request("POST", "/", "servicequotas", Map.of("X-Amz-Target", target + "GetServiceQuota"),
                        "{\"ServiceCode\":\"connect\",\"QuotaCode\":\"L-AA17A6B9\"}"),
                new Request("POST", "/", "servicequotas", Map.of("X-Amz-Target", target + "ListServiceQuotas"), "{\"ServiceCode\":\"connect\"}"));
    }

    private static Request mutate(Request seed, Random random) {
        Request request = seed;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            request = switch (random.nextInt(6)) {
                case 0 -> request.withBody(splice(request.body, random));
                case 1 -> request.withPath(splice(request.path, random));
                case 2 -> request.withMethod(METHODS[random.nextInt(METHODS.length)]);
                case 3 -> request.withHeader(random.nextBoolean() ? "X-Amz-Target" : "Content-Type", NASTY[random.nextInt(NASTY.length)]);
                case 4 -> request.withBody(request.body.isEmpty() ? "" : request.body.substring(0, random.nextInt(request.body.length())));
                default -> request.withMutatedSignature(true);
            };
        }
        return request;
    }

    private static String splice(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        int cut = Math.min(text.length(), at + random.nextInt(3));
        return text.substring(0, at) + NASTY[random.nextInt(NASTY.length)] + text.substring(cut);
    }

    /** A request as seeded and mutated; it is signed as it was before its mutation, as a forger would send it. */
    record Request(String method, String path, String service, Map<String, String> headers, String body, Request signedAs, boolean badSignature) {
        Request(String method, String path, String service, Map<String, String> headers, String body) {
            this(method, path, service, headers, body, null, false);
        }

        Request original() {
            return signedAs == null ? this : signedAs;
        }

        Request withBody(String newBody) {
            return new Request(method, path, service, headers, newBody, original(), badSignature);
        }

        Request withPath(String newPath) {
            return new Request(method, newPath.startsWith("/") ? newPath : "/" + newPath, service, headers, body, original(), badSignature);
        }

        Request withMethod(String newMethod) {
            return new Request(newMethod, path, service, headers, body, original(), badSignature);
        }

        Request withHeader(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.put(name, value);
            return new Request(method, path, service, changed, body, original(), badSignature);
        }

        Request withMutatedSignature(boolean bad) {
            return new Request(method, path, service, headers, body, original(), bad);
        }

        byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }

        /** The raw head: the request line and headers, signed for the original request (strict) or with a dummy signature (lenient). */
        String head(int port, boolean strict) {
            StringBuilder head = new StringBuilder(method + " " + path.replace(" ", "%20") + " HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            authorization(port, strict).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            headers.forEach((name, value) -> head.append(name).append(": ").append(value.replace("\r", "").replace("\n", "")).append("\r\n"));
            head.append("Content-Length: ").append(bytes().length).append("\r\nConnection: close\r\n\r\n");
            return head.toString();
        }

        private Map<String, String> authorization(int port, boolean strict) {
            Map<String, String> auth = new LinkedHashMap<>();
            if (!strict) {
                auth.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCOUNT + "/20261125/us-east-1/" + service
                        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + (badSignature ? "01" : "00"));
                auth.put("X-Amz-Date", "20261125T000000Z");
                return auth;
            }
            Request signed = original();
            SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(signed.method)).protocol("http")
                    .host("127.0.0.1").port(port).encodedPath(signed.path.contains("?") ? signed.path.substring(0, signed.path.indexOf('?')) : signed.path);
            if (signed.path.contains("?")) {
                for (String pair : signed.path.substring(signed.path.indexOf('?') + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.appendRawQueryParameter(kv[0], kv[1]);
                }
            }
            signed.headers.forEach(request::putHeader);
            byte[] payload = signed.bytes();
            SdkHttpFullRequest out = (SdkHttpFullRequest) AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(KEY.accessKeyId(), badSignature ? "wrong" : KEY.secretAccessKey()))
                    .request(request.build())
                    .payload(() -> new ByteArrayInputStream(payload))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC))).request();
            out.headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("host") && !headers.containsKey(name)) {
                    auth.put(name, values.get(0));
                }
            });
            return auth;
        }

        @Override
        public String toString() {
            return method + " " + path + " " + headers + " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
        }
    }
}
