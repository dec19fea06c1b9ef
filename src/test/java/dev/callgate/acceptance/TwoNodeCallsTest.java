package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.testing.Calls;
import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.Operator;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.Sipp;
import dev.callgate.testing.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;

/**
 * Two Callgate processes on one PostgreSQL, each called by its own sipp at once: 20 simultaneous calls
 * to one instance with a limit of 10 (edition 2017-03-28) are answered exactly 10 times between them.
 */
class TwoNodeCallsTest {
    @TempDir
    Path dataDir;

    @Test
    void theConcurrentCallsLimitHoldsAcrossNodes() throws Exception {
        String store = Stores.freshPostgres();
        Path log = Files.createTempFile("callgate-node", ".log");
        List<String> edition = List.of("--edition", "2017-03-28");
        ChildServer nodeA = ChildServer.start(dataDir.resolve("a"), store, ChildServer.freePort(), log, ThrottleMode.OFF, edition);
        ChildServer nodeB = ChildServer.start(dataDir.resolve("b"), store, ChildServer.freePort(), log, ThrottleMode.OFF, edition);
        try (ConnectClient connect = Clients.connect(nodeA.port(), ServerSuite.ACCOUNT, "us-east-1")) {
            Fixtures instance = Fixtures.newInstance(connect, "two-nodes");
            String number = Calls.claimNumber(connect, instance.instanceId);

            CompletableFuture<Sipp.Result> toA = CompletableFuture.supplyAsync(() -> callTen(nodeA, number));
            CompletableFuture<Sipp.Result> toB = CompletableFuture.supplyAsync(() -> callTen(nodeB, number));
            Sipp.Result a = toA.get();
            Sipp.Result b = toB.get();

            assertThat(a.count("SuccessfulCall(C)") + b.count("SuccessfulCall(C)")).as("answered").isEqualTo(10);
            assertThat(a.count("FailedCall(C)") + b.count("FailedCall(C)")).as("refused").isEqualTo(10);
            List<String> refusals = new ArrayList<>(a.errorCodes());
            refusals.addAll(b.errorCodes());
            assertThat(refusals).hasSize(10).containsOnly("503");
            assertThat(new Operator(nodeB.port()).awaitUsage("instances/" + instance.instanceId + "/quotas", "CONCURRENT_CALLS", 0))
                    .isZero();
        } finally {
            nodeA.killHard();
            nodeB.killHard();
        }
    }

    /** Ten simultaneous calls of 5 s to one node (sipp's own retransmissions off, see SipAdmissionTest). */
    private static Sipp.Result callTen(ChildServer node, String number) {
        try {
            Path dir = Files.createTempDirectory("sipp-node");
            return Sipp.run(dir, List.of("127.0.0.1:" + node.sipPort(), "-sn", "uac", "-s", number, "-i", "127.0.0.1",
                    "-p", String.valueOf(ChildServer.freePort()), "-r", "10", "-rp", "1000", "-l", "10", "-m", "10",
                    "-d", "5000", "-nostdin", "-nr", "-trace_stat", "-fd", "1", "-trace_err", "-trace_error_codes",
                    "-timeout", "60s"), Duration.ofSeconds(90));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
