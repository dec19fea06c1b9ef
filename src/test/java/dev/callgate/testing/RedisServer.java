package dev.callgate.testing;

import dev.callgate.limits.throttle.RedisAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real redis-server (Debian's, /usr/bin/redis-server) on a free loopback port, in a temporary
 * directory, keeping nothing on disk: one per test JVM whose databases suites take fresh, as they take
 * PostgreSQL databases from {@link Stores}; or a test's own, which it may stop, start again on the same
 * port, or pause (SIGSTOP) so that it holds its connections and answers nothing.
 */
public final class RedisServer implements AutoCloseable {
    private static final String BINARY = "/usr/bin/redis-server";
    private static final int DATABASES = 256;
    private static RedisServer shared;
    private static int databasesTaken;

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static RedisServer start() {
        try {
            RedisServer redis = new RedisServer(Files.createTempDirectory("callgate-redis"), ChildServer.freePort());
            redis.startAgain();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty database of this JVM's shared server, started at the first call. */
    public static synchronized RedisAddress freshDatabase() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        if (databasesTaken == DATABASES) {
            throw new IllegalStateException("This test JVM has taken all " + DATABASES + " Redis databases");
        }
        return new RedisAddress("127.0.0.1", shared.port, databasesTaken++, null, null);
    }

    /** Its address, database 0 (as {@code --throttle-store} takes it: {@code toString()}). */
    public RedisAddress address() {
        return new RedisAddress("127.0.0.1", port, 0, null, null);
    }

    /** Starts the server (again, after {@link #stop}) on its port, empty. */
    public void startAgain() {
        try {
            process = new ProcessBuilder(List.of(BINARY, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--databases", String.valueOf(DATABASES)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + BINARY + " (.ci/run installs Debian's redis-server)", e);
        }
        awaitPong(Duration.ofSeconds(30));
    }

    /** Stops the server (SIGKILL; it keeps nothing, so it starts again empty): every connection to it breaks. */
    public void stop() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: connections stay open, and nothing is answered until {@link #resume}. */
    public void pause() {
        Signals.send(process, "-STOP");
    }

    public void resume() {
        Signals.send(process, "-CONT");
    }


    private void awaitPong(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + dir.resolve("redis.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(1000);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                if (new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(20); // polled, not spun: the server needs the core to start
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("redis-server did not answer PING within " + timeout);
    }

    @Override
    public void close() {
        stop(); // SIGKILL ends a paused server too
    }
}
