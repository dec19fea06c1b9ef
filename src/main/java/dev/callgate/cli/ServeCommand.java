package dev.callgate.cli;

import dev.callgate.Callgate;
import dev.callgate.config.ConfigFile;
import dev.callgate.config.Settings;
import dev.callgate.limits.ThrottleMode;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callgate serve}: runs the server until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start Callgate. Every option can also be set as CALLGATE_<OPTION> in the environment or in the config file.")
final class ServeCommand implements Runnable {
    @Option(names = "--port", defaultValue = "4599", description = "HTTP port of every API (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--data-dir", defaultValue = "./callgate-data", description = "Directory of the embedded store (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--store", description = "JDBC URL of the store, e.g. jdbc:postgresql://host/db?user=u&password=p (default: embedded H2 in the data dir).")
    String store;

    @Option(names = "--auth", defaultValue = "lenient", description = "lenient (any credentials) or strict (keys from the config file, signatures verified).")
    String auth;

    @Option(names = "--edition", description = "Edition given to new instances (default 2019-09-30).")
    String edition;

    @Option(names = "--editions-file", description = "JSON file with more editions (one object or an array).")
    Path editionsFile;

    @Option(names = "--operator-token", description = "Bearer token of the operator API in strict mode.")
    String operatorToken;

    @Option(names = "--throttle", defaultValue = "faithful",
            description = "API throttling: faithful (Amazon Connect's rates, the default), off, or scale=N (rates and bursts times N).")
    String throttle;

    @Option(names = "--clock", defaultValue = "system",
            description = "system, or virtual: time stands still until POST /_callgate/clock/advance moves it.")
    String clock;

    @Option(names = "--config", description = "Config file (default ./callgate.json when present).")
    Path config;

    @Override
    public void run() {
        Settings settings = settings();
        long started = System.nanoTime();
        Callgate callgate = Callgate.start(settings);
        String endpoint = "http://" + bind + ":" + callgate.port();
        System.out.printf("Callgate is listening on %s (%s store, ready in %d ms)%n", endpoint,
                callgate.isPostgres() ? "PostgreSQL" : "embedded H2", (System.nanoTime() - started) / 1_000_000);
        System.out.printf("API throttle: %s; clock: %s%n", settings.throttle(), settings.clock().name().toLowerCase(java.util.Locale.ROOT));
        System.out.printf("For the AWS CLI and SDKs: export AWS_ENDPOINT_URL=%s%n", endpoint);
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            callgate.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The settings the options describe, with the accounts of the config file (the one place they can be given). */
    Settings settings() {
        ConfigFile file = config != null ? ConfigFile.read(config) : new SettingSources(new String[0], System.getenv()).file();
        return new Settings(port, bind, dataDir, store, authMode(), edition, editionsFile, operatorToken,
                file.accessKeys(), file.billingEntities(), throttleMode(), clockMode());
    }

    private ThrottleMode throttleMode() {
        try {
            return ThrottleMode.parse(throttle);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--throttle: " + e.getMessage());
        }
    }

    private Settings.ClockMode clockMode() {
        try {
            return Settings.ClockMode.valueOf(clock.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--clock must be system or virtual, not '" + clock + "'");
        }
    }

    private Settings.AuthMode authMode() {
        try {
            return Settings.AuthMode.valueOf(auth.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--auth must be lenient or strict, not '" + auth + "'");
        }
    }
}
