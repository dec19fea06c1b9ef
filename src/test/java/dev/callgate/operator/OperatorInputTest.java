package dev.callgate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.Operator;
import dev.callgate.testing.RunningServer;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator API checks its inputs as the AWS faces do: a bad account, region or body is a 400 naming it, never defaults. */
class OperatorInputTest {
    private static RunningServer server;
    private static Operator operator;

    @BeforeAll
    static void start() {
        server = RunningServer.start(null);
        operator = new Operator(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMalformedAccountIdIsRefused() throws Exception {
        // java.net.URI refuses to send "%zz": the request goes over a plain socket.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write(("GET /_callgate/accounts/%zz/quotas?region=mars-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            // The front refuses the escape itself, before any route: a URI cannot hold "%zz".
            assertThat(response).startsWith("HTTP/1.1 400").contains("percent escapes");
        }
        var shortId = operator.send("GET", "/_callgate/accounts/12345/quotas?region=us-east-1", null);
        assertThat(shortId.statusCode()).isEqualTo(400);
        assertThat(shortId.body()).contains("is not 12 digits");
    }

    @Test
    void aRegionOutsideTheEditionIsRefused() {
        HttpResponse<String> response = operator.send("GET", "/_callgate/accounts/111122223333/quotas?region=mars-1", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("mars-1").contains("us-east-1");
    }

    @Test
    void aKnownAccountAndRegionStillAnswer() {
        assertThat(operator.send("GET", "/_callgate/accounts/111122223333/quotas?region=us-east-1", null).statusCode()).isEqualTo(200);
    }

    @Test
    void bodiesMustBeOneWellFormedJsonObject() {
        String path = "/_callgate/accounts/111122223333";
        for (String body : new String[] {"[1]", "\"AWS\"", "{\"billingEntity\": \"AWS\"} trailing", "{\"billingEntity\": \"AWS\", \"billingEntity\": \"AISPL\"}", "{"}) {
            HttpResponse<String> response = operator.send("PUT", path, body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
        }
        assertThat(operator.send("PUT", path, "{\"billingEntity\": \"AWS\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void throttleOverrideBodiesAreCheckedToo() {
        HttpResponse<String> response = operator.send("PUT", "/_callgate/accounts/111122223333/throttle", "{\"operation\": \"*\"} {}");

        assertThat(response.statusCode()).isEqualTo(400);
    }
}
