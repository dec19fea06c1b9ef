package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.config.Settings;
import dev.callgate.testing.Calls;
import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.RunningServer;
import dev.callgate.testing.ServerSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;

/**
 * A node that dies with calls in progress (SIGKILL: nothing released on the way out) does not leak
 * their slots: its leases stop being renewed, and once they run out on the server clock (30 s) the
 * node that carries on releases them, exactly once.
 */
class CallLeaseExpiryTest {

    @Test
    void theSlotsOfAKilledNodeComeBackWhenItsLeasesRunOut(@TempDir Path dataDir) throws Exception {
        Path log = Files.createTempFile("callgate-child", ".log");
        int port = ChildServer.freePort();
        ChildServer child = ChildServer.start(dataDir, null, port, log);
        String instanceId;
        List<String> contacts;
        try (ConnectClient connect = Clients.connect(port, ServerSuite.ACCOUNT, "us-east-1")) {
            instanceId = Fixtures.newInstance(connect, "crash").instanceId;
            Calls calls = new Calls(port, ServerSuite.ACCOUNT);
            contacts = List.of(calls.place(instanceId, null, 3600).path("contactId").asText(),
                    calls.place(instanceId, null, 3600).path("contactId").asText(),
                    calls.place(instanceId, null, 3600).path("contactId").asText());
        }
        child.killHard();

        try (RunningServer survivor = RunningServer.start(dataDir, null, s -> s.withClock(Settings.ClockMode.VIRTUAL));
             ConnectClient connect = Clients.connect(survivor.port(), ServerSuite.ACCOUNT, "us-east-1")) {
            String quotas = "instances/" + instanceId + "/quotas";
            Calls calls = new Calls(survivor.port(), ServerSuite.ACCOUNT);
            assertThat(survivor.operator().usage(quotas, "CONCURRENT_CALLS")).isEqualTo(3);
            assertThat(calls.live(instanceId).path("concurrentCalls").asInt()).isEqualTo(3);

            survivor.operator().advanceClock(31_000);

            assertThat(calls.live(instanceId).path("concurrentCalls").asInt()).isZero();
            assertThat(survivor.operator().usage(quotas, "CONCURRENT_CALLS")).isZero();
            for (String contactId : contacts) {
                assertThat(connect.describeContact(r -> r.instanceId(instanceId).contactId(contactId)).contact().disconnectReason())
                        .isEqualTo("EXPIRED");
            }
        }
    }
}
