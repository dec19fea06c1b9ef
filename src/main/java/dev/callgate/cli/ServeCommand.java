package dev.callgate.cli;

import dev.callgate.Callgate;
import dev.callgate.config.ConfigFile;
import dev.callgate.config.Settings;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.requests.ApprovalPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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

    @Option(names = "--approval-policy", defaultValue = "manual",
            description = "What happens to a limit request: manual (stays PENDING for an operator, the default), auto (approved at once),"
                    + " or auto-up-to=Nx[,deny-above=Mx] (approved up to N times the default, denied above M times, a case between).")
    String approvalPolicy;

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
        System.out.printf("API throttle: %s; clock: %s; approval policy: %s%n", settings.throttle(),
                settings.clock().name().toLowerCase(Locale.ROOT), settings.approvalPolicy());
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
                file.accessKeys(), file.billingEntities(), throttleMode(), clockMode(),
                parsed("--approval-policy", approvalPolicy, ApprovalPolicy::parse, "manual, auto or auto-up-to=Nx[,deny-above=Mx]"));
    }

    private ThrottleMode throttleMode() {
        return parsed("--throttle", throttle, ThrottleMode::parse, "faithful, off or scale=N (N a whole number >= 1)");
    }

    private Settings.ClockMode clockMode() {
        return parsed("--clock", clock, value -> Settings.ClockMode.valueOf(value.toUpperCase(Locale.ROOT)), "system or virtual");
    }

    private Settings.AuthMode authMode() {
        return parsed("--auth", auth, value -> Settings.AuthMode.valueOf(value.toUpperCase(Locale.ROOT)), "lenient or strict");
    }

    /** An option's value parsed, or picocli's usage error naming what the option takes. */
    private <T> T parsed(String option, String value, Function<String, T> parse, String expected) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(new CommandLine(this), option + " must be " + expected + ", not '" + value + "'");
        }
    }
}
