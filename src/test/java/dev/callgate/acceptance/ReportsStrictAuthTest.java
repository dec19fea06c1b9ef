package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.accounts.AccessKey;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ReportsClient;
import dev.callgate.testing.RunningServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.ConnectClient;

/** In strict mode the reports API verifies SigV4 signatures exactly as the AWS APIs do. */
class ReportsStrictAuthTest {
    private static final String KEY = "AKIDREPORTS0001";
    private static final String SECRET = "reports-secret";
    private static final String ACCOUNT = "123456789012";

    @Test
    void signedWithTheKeysSecretPassesAndAnyOtherSecretIsRefused() {
        try (RunningServer server = RunningServer.start(null, s -> s.withStrictAuth("op-token",
                List.of(new AccessKey(KEY, SECRET, ACCOUNT, "analyst"))));
             ConnectClient connect = Clients.connect(server.port(), KEY, SECRET, "us-east-1", false)) {
            Fixtures fx = Fixtures.newInstance(connect, "strict");
            String owner = fx.user("owner");
            ReportsClient good = new ReportsClient(server.port(), KEY, SECRET, "us-east-1");
            assertThat(good.save(fx.instanceId, "r", owner, false).path("reportId").asText()).isNotBlank();
            assertThat(good.list(fx.instanceId, null).path("reports")).hasSize(1);

            ReportsClient forged = new ReportsClient(server.port(), KEY, "wrong", "us-east-1");
            assertThatThrownBy(() -> forged.list(fx.instanceId, null))
                    .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo("InvalidSignatureException");
                    });
            ReportsClient unknown = new ReportsClient(server.port(), "AKIDUNKNOWN", SECRET, "us-east-1");
            assertThatThrownBy(() -> unknown.list(fx.instanceId, null))
                    .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> assertThat(e.code()).isEqualTo("UnrecognizedClientException"));
        }
    }
}
