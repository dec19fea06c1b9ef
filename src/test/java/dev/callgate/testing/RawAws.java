package dev.callgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Hand-made AWS requests for inputs that no SDK would send (malformed JSON, wrong member types,
 * huge bodies), with a lenient-mode SigV4 header so they reach the Connect face.
 */
public final class RawAws {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String accountId;

    public RawAws(int port, String accountId) {
        this.port = port;
        this.accountId = accountId;
    }

    public HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accountId
                        + "/20261125/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                .header("X-Amz-Date", "20261125T000000Z")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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
}
