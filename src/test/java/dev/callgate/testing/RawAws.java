package dev.callgate.testing;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * Hand-made AWS requests for inputs that no SDK would send (malformed JSON, wrong member types,
 * huge bodies, unknown targets), with a lenient-mode SigV4 header naming the service they are for.
 */
public final class RawAws {
    private final int port;
    private final String accountId;

    public RawAws(int port, String accountId) {
        this.port = port;
        this.accountId = accountId;
    }

    /** A request to Amazon Connect (REST-JSON). */
    public HttpResponse<String> send(String method, String path, String body) {
        return new Operator(port).send(method, path, body, signed("connect", Map.of()));
    }

    /** A request to Amazon Connect whose body is given as bytes, in whatever encoding. */
    public HttpResponse<String> sendBytes(String method, String path, byte[] body) {
        return new Operator(port).sendBytes(method, path, body, signed("connect", Map.of()));
    }

    /** An AWS JSON 1.1 call, {@code POST /} with {@code X-Amz-Target: target}, signed for {@code service}. */
    public HttpResponse<String> call(String service, String target, String body) {
        return new Operator(port).send("POST", "/", body, signed(service, Map.of("X-Amz-Target", target)));
    }

    private Map<String, String> signed(String service, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accountId
                + "/20261125/us-east-1/" + service + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
        all.put("X-Amz-Date", "20261125T000000Z");
        return all;
    }
}
