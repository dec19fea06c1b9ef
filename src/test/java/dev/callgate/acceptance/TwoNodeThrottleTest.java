package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.Callgate;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Operator;
import dev.callgate.testing.Race;
import dev.callgate.testing.Stores;
import dev.callgate.testing.Throttling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ThrottlingException;

/**
 * Two Callgate processes with the faithful throttle on one PostgreSQL, behind no load balancer but the
 * test's own threads: an account's bucket is one bucket across both nodes (limits.md §6, "on one node
 * or many"), and an override set through one node is in force on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeThrottleTest {
    static final int RATE = 2;
    static final int BURST = 5;
    static final int THREADS_PER_NODE = 3;
    static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(4);

    ChildServer nodeA;
    ChildServer nodeB;

    @BeforeAll
    void startNodes() throws Exception {
        String store = Stores.freshPostgres();
        Path dataDir = Files.createTempDirectory("callgate-nodes");
        Path log = Files.createTempFile("callgate-node", ".log");
        List<String> options = bucketOptions();
        // Started side by side: a child takes seconds to come up, and the two need nothing from each other.
        CompletableFuture<ChildServer> a = CompletableFuture.supplyAsync(() ->
                ChildServer.start(dataDir.resolve("a"), store, ChildServer.freePort(), log, ThrottleMode.FAITHFUL, options));
        nodeB = ChildServer.start(dataDir.resolve("b"), store, ChildServer.freePort(), log, ThrottleMode.FAITHFUL, options);
        nodeA = a.join();
    }

    /** The options that say where both nodes keep their buckets: none, so PostgreSQL rows. */
    protected List<String> bucketOptions() {
        return List.of();
    }

    @AfterAll
    void stopNodes() throws InterruptedException {
        nodeA.killHard();
        nodeB.killHard();
    }

    /** One hammering thread's tally: calls admitted, when its first and last calls left, and when its last answer came. */
    record Tally(int admitted, long firstSent, long lastSent, long lastAnswered) {
    }

    @Test
    void bothNodesTogetherAdmitBurstPlusRateTimesElapsedNotTwice() {
        String account = "135713571357";
        List<ConnectClient> clients = new ArrayList<>();
        for (int i = 0; i < 2 * THREADS_PER_NODE; i++) {
            ConnectClient client = Clients.connect((i % 2 == 0 ? nodeA : nodeB).port(), account, "us-east-1");
            Throttling.warmUp(client);
            clients.add(client);
        }
        try {
            AtomicLong deadline = new AtomicLong();
            List<Tally> tallies = Race.run(clients.size(), i -> hammer(clients.get(i), deadline));
            int admitted = 0;
            long firstSent = Long.MAX_VALUE;
            long allStarted = Long.MIN_VALUE;
            long firstStopped = Long.MAX_VALUE;
            long lastAnswered = Long.MIN_VALUE;
            for (Tally tally : tallies) {
                admitted += tally.admitted();
                firstSent = Math.min(firstSent, tally.firstSent());
                allStarted = Math.max(allStarted, tally.firstSent());
                firstStopped = Math.min(firstStopped, tally.lastSent());
                lastAnswered = Math.max(lastAnswered, tally.lastAnswered());
            }

            // Every token was taken between the first call's sending and the last call's answer: at most
            // burst + rate × that. While every thread was calling, no token went untaken: at least burst + rate × that.
            long elapsed = lastAnswered - firstSent;
            long saturated = firstStopped - allStarted;
            assertThat(admitted).as("admitted through both nodes in %d ms, all of them calling for %d ms",
                            TimeUnit.NANOSECONDS.toMillis(elapsed), TimeUnit.NANOSECONDS.toMillis(saturated))
                    .isBetween(tokens(saturated) - 1, tokens(elapsed) + 1);
        } finally {
            clients.forEach(ConnectClient::close);
        }
    }

    /** What a bucket of this rate and burst gives over {@code nanos}: burst + ⌊rate × t⌋. */
    private static int tokens(long nanos) {
        return (int) (BURST + RATE * nanos / TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * Calls until the common deadline, which the first hammer off the line sets, all threads stopping
     * together so that none hammers alone at the end.
     */
    private static Tally hammer(ConnectClient client, AtomicLong deadline) {
        long firstSent = System.nanoTime();
        deadline.compareAndSet(0, firstSent + RUN_NANOS);
        int admitted = 0;
        long lastSent = firstSent;
        long lastAnswered = firstSent;
        while (lastAnswered < deadline.get()) {
            lastSent = System.nanoTime();
            try {
                client.listInstances(r -> { });
                admitted++;
            } catch (ThrottlingException refused) {
                // the common case while hammering
            }
            lastAnswered = System.nanoTime();
        }
        return new Tally(admitted, firstSent, lastSent, lastAnswered);
    }

    @Test
    void overrideSetThroughOneNodeIsInForceOnTheOther() {
        String account = "246824682468";
        String path = "/_callgate/accounts/" + account + "/throttle";
        try (ConnectClient onB = Clients.connect(nodeB.port(), account, "us-east-1")) {
            onB.listInstances(r -> { }); // B's bucket exists at the edition's rate, 4 tokens left

            new Operator(nodeA.port()).send("PUT", path, "{\"operation\":\"ListInstances\",\"rate\":1,\"burst\":1}");

            assertThat(new Operator(nodeB.port()).send("GET", path, null).body()).contains("\"ListInstances\":{\"rate\":1,\"burst\":1}");
            // The 4 tokens in hand were capped at the new burst of 1: one call is admitted, two at most.
            ThrottlingException refused = Throttling.drain(onB, 3).exception();
            assertThat(refused.awsErrorDetails().errorMessage()).contains("RateLimit 1 per second", "BurstLimit 1");

            new Operator(nodeA.port()).send("POST", "/_callgate/reset", null);
            assertThat(new Operator(nodeB.port()).send("GET", path, null).body()).contains("\"overrides\":{}");
            onB.listInstances(r -> { }); // the reset refilled the shared bucket, at the edition's rate again
        }
    }

    @Test
    void overrideRaisedThroughOneNodeGrantsNoInstantBurstOnTheOther() {
        String account = "357935793579";
        try (ConnectClient onB = Clients.connect(nodeB.port(), account, "us-east-1")) {
            long emptied = Throttling.drain(onB, 2 * BURST + 1).sentNanos();

            new Operator(nodeA.port()).send("PUT", "/_callgate/accounts/" + account + "/throttle",
                    "{\"operation\":\"ListInstances\",\"rate\":1,\"burst\":1000}");

            int admitted = 0;
            List<String> refusals = new ArrayList<>();
            for (int call = 0; call < 20; call++) {
                try {
                    onB.listInstances(r -> { });
                    admitted++;
                } catch (ThrottlingException refused) {
                    refusals.add(refused.awsErrorDetails().errorMessage());
                }
            }
            long elapsed = System.nanoTime() - emptied;

            // Since the bucket was found empty, at most the old rate of 2 per second refilled it, never the new burst of 1000.
            assertThat(admitted).as("admitted of 20 calls within %d ms of the bucket found empty", TimeUnit.NANOSECONDS.toMillis(elapsed))
                    .isLessThanOrEqualTo(1 + (int) (RATE * elapsed / TimeUnit.SECONDS.toNanos(1)));
            assertThat(refusals).isNotEmpty().allSatisfy(message -> assertThat(message).contains("RateLimit 1 per second", "BurstLimit 1000"));
        }
    }
}
