package dev.callgate.testing;

import dev.callgate.Callgate;
import dev.callgate.config.Settings;
import dev.callgate.limits.throttle.ThrottleMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A Callgate server in this JVM on a free port, on the embedded store in a temporary directory or on a given store.
 * The API throttle is off unless a test turns it on: suites about other limits must not wait for
 * tokens, and the throttle's own tests choose their mode and clock.
 */
public final class RunningServer implements AutoCloseable {
    private final Callgate callgate;

    private RunningServer(Callgate callgate) {
        this.callgate = callgate;
    }

    public static RunningServer start(String storeUrl) {
        return start(storeUrl, UnaryOperator.identity());
    }

    public static RunningServer start(String storeUrl, UnaryOperator<Settings> customize) {
        try {
            return start(Files.createTempDirectory("callgate-test"), storeUrl, customize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on a given data directory, e.g. to restart on the state a previous one left. */
    public static RunningServer start(Path dataDir, String storeUrl, UnaryOperator<Settings> customize) {
        Settings settings = Settings.defaults(dataDir).withPort(0).withStore(storeUrl).withThrottle(ThrottleMode.OFF);
        return new RunningServer(Callgate.start(customize.apply(settings)));
    }

    public int port() {
        return callgate.port();
    }

    public int sipPort() {
        return callgate.sipPort();
    }

    public Operator operator() {
        return new Operator(port());
    }

    @Override
    public void close() {
        callgate.close();
    }
}
