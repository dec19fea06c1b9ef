package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;

/** An acknowledged CreateInstance survives kill -9 of the server: a child JVM is killed, then restarted on the same data. */
class DurabilityTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void acknowledgedInstancesSurviveSigkill(String store) throws Exception {
        String storeUrl = store.equals("sqlite") ? null : Stores.freshPostgres();
        Path log = Files.createTempFile("callgate-child", ".log");
        int port = ChildServer.freePort();
        List<String> acknowledged = new ArrayList<>();

        ChildServer first = ChildServer.start(dataDir, storeUrl, port, log);
        for (int account = 0; account < 4; account++) {
            try (ConnectClient connect = Clients.connect(port, String.format("%012d", 500 + account), "us-east-1")) {
                for (int i = 0; i < 5; i++) {
                    String alias = "durable-" + account + "-" + i;
                    acknowledged.add(account + "/" + connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML)
                            .instanceAlias(alias).inboundCallsEnabled(true).outboundCallsEnabled(true)).id());
                }
            }
        }
        first.killHard();

        ChildServer second = ChildServer.start(dataDir, storeUrl, port, log);
        try {
            for (String entry : acknowledged) {
                String account = String.format("%012d", 500 + Integer.parseInt(entry.split("/")[0]));
                try (ConnectClient connect = Clients.connect(port, account, "us-east-1")) {
                    assertThat(connect.describeInstance(r -> r.instanceId(entry.split("/")[1])).instance().id())
                            .isEqualTo(entry.split("/")[1]);
                }
            }
        } finally {
            second.killHard();
        }
    }
}
