package dev.callgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A small client of the operator API, as a CI script would call it. */
public final class Operator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String token;

    public Operator(int port) {
        this(port, null);
    }

    public Operator(int port, String token) {
        this.port = port;
        this.token = token;
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    /** Sends a request with the given headers (and Content-Type: application/json when there is a body). */
    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends a request whose body is given as bytes. */
    public HttpResponse<String> sendBytes(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The usage of one quota, as the operator API reports it for a scope ("accounts/{id}/quotas?region=r" or "instances/{id}/quotas"). */
    public long usage(String scopePath, String quota) {
        return quotaField(scopePath, quota, "usage");
    }

    /**
     * The usage once it reaches {@code expected}, or the last one seen after 10 s: for releases that a SIP
     * callback hands to a worker thread (a BYE is answered before its slot is given back).
     */
    public long awaitUsage(String scopePath, String quota, long expected) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long usage = usage(scopePath, quota);
        while (usage != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return usage;
            }
            usage = usage(scopePath, quota);
        }
        return usage;
    }

    public long value(String scopePath, String quota) {
        return quotaField(scopePath, quota, "value");
    }

    private long quotaField(String scopePath, String quota, String field) {
        HttpResponse<String> response = send("GET", "/_callgate/" + scopePath, null);
        try {
            for (JsonNode row : JSON.readTree(response.body())) {
                if (row.path("quota").asText().equals(quota)) {
                    return row.path(field).asLong();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No quota " + quota + " in " + response.body());
    }

    public void setBillingEntity(String accountId, String entity) {
        HttpResponse<String> response = send("PUT", "/_callgate/accounts/" + accountId, "{\"billingEntity\":\"" + entity + "\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Operator API refused: " + response.body());
        }
    }

    /** Moves a virtual clock forward by {@code millis}. */
    public void advanceClock(long millis) {
        HttpResponse<String> response = send("POST", "/_callgate/clock/advance", "{\"millis\":" + millis + "}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Operator API refused: " + response.body());
        }
    }

    /** The Prometheus text of {@code GET /_callgate/metrics}. */
    public String metrics() {
        return send("GET", "/_callgate/metrics", null).body();
    }
}
