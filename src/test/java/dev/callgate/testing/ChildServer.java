package dev.callgate.testing;

import dev.callgate.Callgate;
import dev.callgate.limits.throttle.ThrottleMode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Callgate in a child JVM, started as `callgate serve` is, so that a test can kill it with SIGKILL. */
public final class ChildServer {
    private final Process process;
    private final int port;
    private final int sipPort;

    private ChildServer(Process process, int port, int sipPort) {
        this.process = process;
        this.port = port;
        this.sipPort = sipPort;
    }

    /** A child with the API throttle off, like RunningServer: for tests of quotas and durability. */
    public static ChildServer start(Path dataDir, String storeUrl, int port, Path log) {
        return start(dataDir, storeUrl, port, log, ThrottleMode.OFF);
    }

    public static ChildServer start(Path dataDir, String storeUrl, int port, Path log, ThrottleMode throttle) {
        return start(dataDir, storeUrl, port, log, throttle, List.of());
    }

    /** A child with more options of {@code callgate serve} (e.g. --edition), on its own free SIP port. */
    public static ChildServer start(Path dataDir, String storeUrl, int port, Path log, ThrottleMode throttle, List<String> options) {
        int sipPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.callgate.cli.Main", "serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--throttle", throttle.toString(), "--sip-port", String.valueOf(sipPort)));
        command.addAll(options);
        if (storeUrl != null) {
            command.addAll(List.of("--store", storeUrl));
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ChildServer child = new ChildServer(process, port, sipPort);
            child.awaitHealthy(Duration.ofSeconds(90)); // generous: a JVM starts slowly on a busy CI machine
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Its SIP port (UDP and TCP). */
    public int sipPort() {
        return sipPort;
    }

    /** How a test stops a child. */
    public enum Stop { SIGKILL, SIGTERM, SIGINT }

    /** Stops the child with {@code signal} and waits for it to exit. */
    public void stop(Stop signal) throws InterruptedException {
        switch (signal) {
            case SIGKILL -> process.destroyForcibly();
            case SIGTERM -> process.destroy();
            case SIGINT -> Signals.send(process, "-INT");
        }
        process.waitFor();
    }


    /** The exit status and everything printed by {@code callgate <args>} run in a child JVM to its end. */
    public record Run(int exit, String output) {
    }

    public static Run run(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.callgate.cli.Main"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("callgate " + args + " did not exit: " + output);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_callgate/health")).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Child server exited with " + process.exitValue());
            }
            try {
                // Polled, not spun: a spinning waiter takes the core the child needs to start on a 2-core machine.
                Thread.sleep(20);
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Child server not healthy within " + timeout);
    }
}
