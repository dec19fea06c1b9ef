package dev.callgate.testing;

import dev.callgate.config.Settings;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.connect.ConnectClient;

/**
 * An acceptance suite on one running server: started once per class, with a ConnectClient of
 * {@link #ACCOUNT} in us-east-1 (retries off), and emptied before every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerSuite {
    public static final String ACCOUNT = "111122223333";
    protected RunningServer server;
    protected ConnectClient connect;

    /** The store's JDBC URL, or null for the embedded store. */
    protected String storeUrl() {
        return null;
    }

    /** How this suite's server differs from the test default. */
    protected UnaryOperator<Settings> settings() {
        return UnaryOperator.identity();
    }

    @BeforeAll
    final void startServer() {
        server = RunningServer.start(storeUrl(), settings());
        connect = Clients.connect(server.port(), ACCOUNT, "us-east-1");
    }

    @AfterAll
    final void stopServer() {
        connect.close();
        server.close();
    }

    @BeforeEach
    final void emptyState() {
        server.operator().send("POST", "/_callgate/reset", null);
    }
}
