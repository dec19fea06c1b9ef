package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.accounts.AccessKey;
import dev.callgate.testing.Calls;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.Operator;
import dev.callgate.testing.ReportsClient;
import dev.callgate.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.connect.ConnectClient;

/**
 * The operator's live calls (GET /_callgate/calls, DELETE /_callgate/calls/{contactId}) in strict mode:
 * the operator token is needed, every instance comes in one answer with its concurrent calls quota, and
 * an ended call gives its unit back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCallsAcceptanceTest {
    private static final String TOKEN = "operator-secret";
    private static final String KEY = "AKIDCALLS";
    private static final String SECRET = "calls-secret";
    private static final String ACCOUNT = "111122223333";
    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningServer server;
    private ConnectClient connect;
    private Operator operator;

    @BeforeAll
    void start() {
        server = RunningServer.start(null, s -> s.withStrictAuth(TOKEN, List.of(new AccessKey(KEY, SECRET, ACCOUNT, "ops"))));
        connect = Clients.connect(server.port(), KEY, SECRET, "us-east-1", false);
        operator = new Operator(server.port(), TOKEN);
    }

    @AfterAll
    void stop() {
        connect.close();
        server.close();
    }

    @Test
    void listsEveryInstancesCallsAgainstItsLimitAndEndsOneByItsContactId() {
        Fixtures busy = Fixtures.newInstance(connect, "busy");
        Fixtures quiet = Fixtures.newInstance(connect, "quiet");
        String number = Calls.claimNumber(connect, busy.instanceId);
        Calls calls = new Calls(server.port(), KEY, SECRET);
        long limit = operator.value("instances/" + busy.instanceId + "/quotas", "CONCURRENT_CALLS");
        for (int i = 0; i < limit; i++) {
            calls.place(busy.instanceId, number, 600);
        }
        assertThatThrownBy(() -> calls.place(busy.instanceId, number, 600)).isInstanceOf(ReportsClient.Failure.class);

        assertThat(new Operator(server.port()).send("GET", "/_callgate/calls", null).statusCode()).isEqualTo(403);
        assertThat(new Operator(server.port(), "wrong").send("DELETE", "/_callgate/calls/x", null).statusCode()).isEqualTo(403);
        JsonNode all = get("/_callgate/calls").path("instances");
        assertThat(all).hasSize(2);
        JsonNode listed = get("/_callgate/calls?instanceId=" + busy.instanceId).path("instances");
        assertThat(listed).hasSize(1);
        JsonNode instance = listed.get(0);
        assertThat(instance.path("instanceId").asText()).isEqualTo(busy.instanceId);
        assertThat(instance.path("accountId").asText()).isEqualTo(ACCOUNT);
        assertThat(instance.path("limit").asLong()).isEqualTo(limit);
        assertThat(instance.path("active").asLong()).isEqualTo(limit);
        assertThat(instance.path("refused").asLong()).isEqualTo(1);
        assertThat(instance.path("calls")).hasSize((int) limit).allSatisfy(call -> {
            assertThat(call.path("direction").asText()).isEqualTo("INBOUND");
            assertThat(call.path("to").asText()).isEqualTo(number);
            assertThat(call.path("startedAt").asText()).endsWith("Z");
        });
        JsonNode other = get("/_callgate/calls?instanceId=" + quiet.instanceId).path("instances").get(0);
        assertThat(other.path("active").asLong()).isZero();
        assertThat(other.path("calls")).isEmpty();

        String contactId = instance.path("calls").get(0).path("contactId").asText();
        assertThat(operator.send("DELETE", "/_callgate/calls/" + contactId, null).statusCode()).isEqualTo(204);
        JsonNode after = get("/_callgate/calls?instanceId=" + busy.instanceId).path("instances").get(0);
        assertThat(after.path("active").asLong()).isEqualTo(limit - 1);
        assertThat(after.path("calls").findValuesAsText("contactId")).hasSize((int) limit - 1).doesNotContain(contactId);
        assertThat(calls.place(busy.instanceId, number, 600).path("contactId").asText()).isNotBlank();

        HttpResponse<String> again = operator.send("DELETE", "/_callgate/calls/" + contactId, null);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("ContactNotFoundException");
        assertThat(operator.send("DELETE", "/_callgate/calls/no-such-contact", null).statusCode()).isEqualTo(410);
        assertThat(operator.send("GET", "/_callgate/calls?instanceId=no-such-instance", null).statusCode()).isEqualTo(404);
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = operator.send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
