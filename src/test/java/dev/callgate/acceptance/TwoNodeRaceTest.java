package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.Callgate;
import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Race;
import dev.callgate.testing.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        try (ConnectClient a = Clients.connect(nodeA.port(), "246824682468", "ap-southeast-2");
             ConnectClient b = Clients.connect(nodeB.port(), "246824682468", "ap-southeast-2")) {
            List<Boolean> created = Race.run(20, i -> {
                try {
                    (i % 2 == 0 ? a : b).createInstance(r -> r.identityManagementType(DirectoryType.SAML).instanceAlias("node-race-" + i)
                            .inboundCallsEnabled(true).outboundCallsEnabled(true));
                    return true;
                } catch (ServiceQuotaExceededException e) {
                    return false;
                }
            });

            assertThat(created).filteredOn(c -> c).hasSize(5);
            assertThat(b.listInstances(r -> { }).instanceSummaryList()).hasSize(5);
        } finally {
            nodeA.killHard();
            nodeB.killHard();
        }
    }
}
