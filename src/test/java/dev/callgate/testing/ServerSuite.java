package dev.callgate.testing;

import dev.callgate.config.Settings;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.services.connect.ConnectClient;

/**
 * An acceptance suite on one running server, with a ConnectClient of {@link #ACCOUNT} in us-east-1
 * (retries off), emptied before every test. The server starts once per class on the embedded SQLite store or, when the
 * suite is a {@code @ParameterizedClass} over {@link StoreKind}, once per store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerSuite {
    public static final String ACCOUNT = "111122223333";
    /** The store of this run of a {@code @ParameterizedClass}; null (embedded SQLite) in a plain suite. */
    @Parameter
    protected StoreKind store;
    protected RunningServer server;
    protected ConnectClient connect;
    private StoreKind serving;

    /** The store's JDBC URL, or null for the embedded store. */
    protected String storeUrl() {
        return store == null ? null : store.freshUrl();
    }

    /** How this suite's server differs from the test default. */
    protected UnaryOperator<Settings> settings() {
        return UnaryOperator.identity();
    }

    /**
     * Starts the server at the first test on each store: {@code @BeforeAll} runs once for all the
     * stores of a parameterized class, before the store is injected, and JUnit refuses
     * per-store lifecycle methods in the plain suites that share this class.
     */
    @BeforeEach
    final void serverWithEmptyState() {
        if (server == null || serving != store) {
            stopServer();
            server = RunningServer.start(storeUrl(), settings());
            connect = Clients.connect(server.port(), ACCOUNT, "us-east-1");
            serving = store;
        }
        server.operator().send("POST", "/_callgate/reset", null);
    }

    @AfterAll
    final void stopServer() {
        if (server != null) {
            connect.close();
            server.close();
            server = null;
        }
    }
}
