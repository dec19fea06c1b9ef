package dev.callgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.Callgate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** A client of Callgate's reports API that signs its requests with SigV4, as an AWS tool would. */
public final class ReportsClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final int port;
    private final String accessKeyId;
    private final String secret;
    private final String region;

    public ReportsClient(int port, String accessKeyId, String region) {
        this(port, accessKeyId, "secret", region);
    }

    public ReportsClient(int port, String accessKeyId, String secret, String region) {
        this.port = port;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
    }

    public JsonNode save(String instanceId, String name, String ownerUserId, boolean published) {
        return call("POST", "/_callgate/instances/" + instanceId + "/reports", Map.of("name", name, "ownerUserId", ownerUserId,
                "published", published, "definition", Map.of("metrics", List.of("CONTACTS_HANDLED"), "grouping", "QUEUE")));
    }

    public JsonNode list(String instanceId, String query) {
        return call("GET", "/_callgate/instances/" + instanceId + "/reports" + (query == null ? "" : "?" + query), null);
    }

    public JsonNode get(String instanceId, String reportId) {
        return call("GET", "/_callgate/instances/" + instanceId + "/reports/" + reportId, null);
    }

    public void delete(String instanceId, String reportId) {
        call("DELETE", "/_callgate/instances/" + instanceId + "/reports/" + reportId, null);
    }

    public JsonNode publish(String instanceId, String reportId) {
        return call("POST", "/_callgate/instances/" + instanceId + "/reports/" + reportId + "/publish", null);
    }

    public JsonNode schedule(String instanceId, String reportId, String recurrence, String timeZone) {
        return call("PUT", "/_callgate/instances/" + instanceId + "/reports/" + reportId + "/schedule",
                Map.of("recurrence", recurrence, "timeZone", timeZone));
    }

    public JsonNode unschedule(String instanceId, String reportId) {
        return call("DELETE", "/_callgate/instances/" + instanceId + "/reports/" + reportId + "/schedule", null);
    }

    /** Sends a signed request; a non-2xx answer throws {@link Failure} with the error code. */
    public JsonNode call(String method, String pathAndQuery, Object body) {
        HttpResponse<String> response = send(method, pathAndQuery, body, true);
        try {
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new Failure(response.statusCode(), json.path("__type").asText(), json.path("Message").asText());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> send(String method, String pathAndQuery, Object body, boolean signed) {
        try {
            byte[] payload = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
            URI uri = URI.create("http://127.0.0.1:" + port + pathAndQuery);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .method(method, payload.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload));
            if (payload.length > 0) {
                request.header("Content-Type", "application/json");
            }
            if (signed) {
                SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method));
                if (payload.length > 0) {
                    unsigned.putHeader("Content-Type", "application/json");
                }
                SdkHttpRequest signedRequest = SIGNER.sign(r -> r
                        .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                        .request(unsigned.build())
                        .payload(() -> new ByteArrayInputStream(payload))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "connect")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
                signedRequest.headers().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type")) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A refusal of the reports API: the HTTP status, the error code and its message. */
    public static final class Failure extends RuntimeException {
        private final int status;
        private final String code;

        Failure(int status, String code, String message) {
            super(code + " (" + status + "): " + message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
