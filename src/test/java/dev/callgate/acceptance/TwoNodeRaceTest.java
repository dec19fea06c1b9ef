package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.Callgate;
import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;

/** Two Callgate processes share one PostgreSQL: 20 creates split across them still leave exactly 5 instances. */
class TwoNodeRaceTest {
    @TempDir
    Path dataDir;

    @Test
    void quotaHoldsAcrossNodes() throws Exception {
        String store = Stores.freshPostgres();
        Path log = Files.createTempFile("callgate-node", ".log");
        ChildServer nodeA = ChildServer.start(dataDir.resolve("a"), store, ChildServer.freePort(), log);
        ChildServer nodeB = ChildServer.start(dataDir.resolve("b"), store, ChildServer.freePort(), log);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (ConnectClient a = Clients.connect(nodeA.port(), "246824682468", "ap-southeast-2");
             ConnectClient b = Clients.connect(nodeB.port(), "246824682468", "ap-southeast-2")) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> created = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ConnectClient node = i % 2 == 0 ? a : b;
                String alias = "node-race-" + i;
                created.add(pool.submit(() -> {
                    go.await();
                    try {
                        node.createInstance(r -> r.identityManagementType(DirectoryType.SAML).instanceAlias(alias)
                                .inboundCallsEnabled(true).outboundCallsEnabled(true));
                        return true;
                    } catch (ServiceQuotaExceededException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int successes = 0;
            for (Future<Boolean> outcome : created) {
                successes += outcome.get() ? 1 : 0;
            }

            assertThat(successes).isEqualTo(5);
            assertThat(b.listInstances(r -> { }).instanceSummaryList()).hasSize(5);
        } finally {
            pool.shutdownNow();
            nodeA.killHard();
            nodeB.killHard();
        }
    }
}
