package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.accounts.AccessKey;
import dev.callgate.testing.Clients;
import dev.callgate.testing.RunningServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasException;

/**
 * One refusal, two services' forms: the same error name carries the status each service's model gives
 * it. A key strict mode does not know is UnrecognizedClientException, 403 from Connect (REST-JSON) and
 * 400 from Service Quotas (AWS JSON 1.1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceErrorCatalogAcceptanceTest {
    static final AccessKey ALICE = new AccessKey("AKIAALICE0000000001", "alice-secret", "210987654321", "alice");
    RunningServer server;

    @BeforeAll
    void start() {
        server = RunningServer.start(null, s -> s.withStrictAuth("operator-secret", List.of(ALICE)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void unknownKeyIs403FromConnectAnd400FromServiceQuotas() {
        try (ConnectClient connect = Clients.connect(server.port(), "AKIASTRANGER0000003", "whatever", "us-east-1", false);
             ServiceQuotasClient quotas = Clients.serviceQuotas(server.port(), "AKIASTRANGER0000003", "whatever", "us-east-1")) {
            assertThatThrownBy(() -> connect.listInstances(r -> { })).isInstanceOfSatisfying(ConnectException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.statusCode()).isEqualTo(403);
            });
            assertThatThrownBy(() -> quotas.listServices(r -> { })).isInstanceOfSatisfying(ServiceQuotasException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.statusCode()).isEqualTo(400);
            });
        }
    }

    @Test
    void knownKeyWithAValidSignatureListsServices() {
        try (ServiceQuotasClient quotas = Clients.serviceQuotas(server.port(), ALICE.accessKeyId(), ALICE.secretAccessKey(), "us-east-1")) {
            assertThat(quotas.listServices(r -> { }).services()).hasSize(1);
        }
    }
}
