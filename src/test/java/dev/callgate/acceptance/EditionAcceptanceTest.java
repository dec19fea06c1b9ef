package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.testing.Clients;
import dev.callgate.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;

/** Editions are data: an instance keeps the values of the edition in force when it was created (limits.md §1). */
class EditionAcceptanceTest {
    static final String ACCOUNT = "777788889999";

    @TempDir
    Path dataDir;

    @Test
    void changingTheCurrentEditionChangesOnlyLaterInstances() {
        String before = createIn(UnaryOperator.identity(), "made-in-2019");
        String after = createIn(s -> s.withEdition("2017-03-28"), "made-at-launch");

        try (RunningServer server = RunningServer.start(dataDir, null, s -> s.withEdition("2017-03-28"))) {
            assertThat(server.operator().value("instances/" + before + "/quotas", "CONCURRENT_CALLS")).isEqualTo(100);
            assertThat(server.operator().value("instances/" + after + "/quotas", "CONCURRENT_CALLS")).isEqualTo(10);
            assertThat(server.operator().send("GET", "/_callgate/editions", null).body())
                    .contains("\"current\":\"2017-03-28\"", "\"name\":\"2019-09-30\"");
        }
    }

    @Test
    void userEditionFileSetsTheDefaultsOfNewInstances() throws Exception {
        Path editions = dataDir.resolve("editions.json");
        String quotas = new String(getClass().getResourceAsStream("/dev/callgate/editions/2019-09-30.json").readAllBytes())
                .replace("\"2019-09-30\"", "\"tiny\"").replace("\"INSTANCES_PER_REGION\": 5", "\"INSTANCES_PER_REGION\": 1")
                .replace("\"USERS\": 500", "\"USERS\": 7");
        Files.writeString(editions, quotas);
        UnaryOperator<Settings> tiny = s -> s.withEdition("tiny").withEditionsFile(editions);

        try (RunningServer server = RunningServer.start(dataDir, null, tiny);
             ConnectClient connect = Clients.connect(server.port(), ACCOUNT, "us-east-1")) {
            String id = create(connect, "tiny-1");
            assertThat(server.operator().value("instances/" + id + "/quotas", "USERS")).isEqualTo(7);
            assertThat(server.operator().usage("instances/" + id + "/quotas", "USERS")).isEqualTo(1);
            assertThatThrownBy(() -> create(connect, "tiny-2"))
                    .isInstanceOf(ServiceQuotaExceededException.class).hasMessageContaining("is 1");
        }
    }

    @Test
    void defaultResourcesCountTowardTheirQuotas() {
        try (RunningServer server = RunningServer.start(dataDir, null, UnaryOperator.identity());
             ConnectClient connect = Clients.connect(server.port(), ACCOUNT, "us-east-1")) {
            String managed = create(connect, "managed");
            String saml = connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML).instanceAlias("saml")
                    .inboundCallsEnabled(true).outboundCallsEnabled(true)).id();
            String quotas = "instances/" + managed + "/quotas";

            assertThat(server.operator().usage(quotas, "QUEUES")).isEqualTo(1);
            assertThat(server.operator().usage(quotas, "ROUTING_PROFILES")).isEqualTo(1);
            assertThat(server.operator().usage(quotas, "HOURS_OF_OPERATION")).isEqualTo(1);
            assertThat(server.operator().usage(quotas, "SECURITY_PROFILES")).isEqualTo(4);
            assertThat(server.operator().usage(quotas, "AGENT_STATUSES")).isEqualTo(2);
            assertThat(server.operator().usage(quotas, "USERS")).isEqualTo(1);
            // The Basic Routing Profile has BasicQueue on voice and on chat: two entries.
            assertThat(server.operator().usage(quotas, "QUEUES_PER_ROUTING_PROFILE")).isEqualTo(2);
            assertThat(server.operator().usage("instances/" + saml + "/quotas", "USERS")).isZero();
        }
    }

    private String createIn(UnaryOperator<Settings> customize, String alias) {
        try (RunningServer server = RunningServer.start(dataDir, null, customize);
             ConnectClient connect = Clients.connect(server.port(), ACCOUNT, "us-east-1")) {
            return create(connect, alias);
        }
    }

    private static String create(ConnectClient connect, String alias) {
        return connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias(alias)
                .inboundCallsEnabled(true).outboundCallsEnabled(true)).id();
    }
}
