package dev.callgate.testing;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Hand-made AWS requests for inputs that no SDK would send (malformed JSON, wrong member types,
 * huge bodies), with a lenient-mode SigV4 header so they reach the Connect face.
 */
public final class RawAws {
    private final int port;
    private final String accountId;

    public RawAws(int port, String accountId) {
        this.port = port;
        this.accountId = accountId;
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return new Operator(port).send(method, path, body, Map.of(
                "Authorization", "AWS4-HMAC-SHA256 Credential=" + accountId
                        + "/20261125/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
                "X-Amz-Date", "20261125T000000Z"));
    }
}
