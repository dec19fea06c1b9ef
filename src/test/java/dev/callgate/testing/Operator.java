package dev.callgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small client of the operator API, as a CI script would call it. */
public final class Operator {
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
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
