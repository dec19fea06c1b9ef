package dev.callgate.cli;

import dev.callgate.Callgate;
import dev.callgate.config.CallSettings;
import dev.callgate.config.ConfigFile;
import dev.callgate.config.Settings;
import dev.callgate.console.Console;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.throttle.RedisAddress;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.requests.ApprovalPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code callgate serve}: runs the server until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start Callgate. Every option can also be set as CALLGATE_<OPTION> in the environment or in the config file.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "4599", description = "HTTP port of every API (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--data-dir", defaultValue = "./callgate-data", description = "Directory of the embedded store (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--store", description = "JDBC URL of the store, e.g. jdbc:postgresql://host/db?user=u&password=p (default: embedded SQLite in the data dir).")
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

    @Option(names = "--throttle-store",
            description = "redis://host:port[/db]: keep the throttle's buckets in Redis, shared by every node pointed at it"
                    + " (default: in memory on the embedded store, in PostgreSQL rows on PostgreSQL).")
    String throttleStore;

    @Option(names = "--clock", defaultValue = "system",
            description = "system, or virtual: time stands still until POST /_callgate/clock/advance moves it.")
    String clock;

    @Option(names = "--sip-port", defaultValue = "5060",
            description = "SIP port, UDP and TCP, on the bind address (default ${DEFAULT-VALUE}; 0 picks a free port).")
    int sipPort;

    @Option(names = "--sip-trunk", description = "host:port of the SIP trunk that outbound calls go to (default: none).")
    String sipTrunk;

    @Option(names = "--max-call-duration", defaultValue = "4h",
            description = "Longest a call may last before Callgate hangs up, e.g. 4h, 90m, 30s (default ${DEFAULT-VALUE}).")
    String maxCallDuration;

    @Option(names = "--reorder-tone", defaultValue = "off",
            description = "off (the default), or early-media: a caller refused for want of a free concurrent-call slot hears"
                    + " the North American reorder tone in a 183 for two cycles (1 s) before the 503;"
                    + " early-media:uk, :de, :jp or :au for that country's tone.")
    String reorderTone;

    @Option(names = "--approval-policy", defaultValue = "manual",
            description = "What happens to a limit request: manual (stays PENDING for an operator, the default), auto (approved at once),"
                    + " or auto-up-to=Nx[,deny-above=Mx] (approved up to N times the default, denied above M times, a case between).")
    String approvalPolicy;

    @Option(names = "--config", description = "Config file (default ./callgate.json when present).")
    Path config;

    @Option(names = "--verbose", description = "On a failed start, print the stack trace after the line that says what to fix.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConfigFile file = configFile();
        Settings settings = settings(file);
        long started = System.nanoTime();
        Callgate callgate = Callgate.start(settings);
        // The start leaves ~11 MB that lives as long as the server. Moved to the old generation here, in one
        // collection before the server says it is ready, rather than by the first collections under load: each
        // page the old generation fills for the first time costs a fault (14 us each on our benchmark VM), and
        // those made the first collections of a load 13 to 31 ms long (bench/README.md, "Why the collector pauses exceed 10 ms").
        System.gc();
        String endpoint = "http://" + bind + ":" + callgate.port();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Callgate is listening on %s (ready in %d ms)%n", endpoint, (System.nanoTime() - started) / 1_000_000);
        out.printf("Store: %s%n", settings.store() == null ? "embedded SQLite in " + settings.dataDir().toAbsolutePath().normalize()
                : "PostgreSQL at " + withoutPassword(settings.store()));
        out.printf("Auth: %s; config file: %s%n", settings.auth() == Settings.AuthMode.STRICT
                ? "strict (signatures verified; the operator API needs its token)" : "lenient (any credentials are accepted)",
                file.path() == null ? "none" : file.path().toAbsolutePath().normalize());
        out.printf("SIP on udp and tcp %s:%d; trunk: %s; reorder tone: %s%n", bind, callgate.sipPort(),
                settings.calls().sipTrunk() == null ? "none" : settings.calls().sipTrunk(),
                settings.calls().reorderToneLabel());
        out.printf("API throttle: %s%s; clock: %s; approval policy: %s%n", settings.throttle(),
                settings.throttle().enabled() ? ", buckets " + buckets(settings) : "",
                settings.clock().name().toLowerCase(Locale.ROOT), settings.approvalPolicy());
        out.printf("For the AWS CLI and SDKs: export AWS_ENDPOINT_URL=%s%n", endpoint);
        out.printf("Operator console: %s%s%n", endpoint, Console.PATH);
        out.flush();
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
        return 0;
    }

    private static String buckets(Settings settings) {
        if (settings.throttleStore() != null) {
            return "in Redis at " + settings.throttleStore();
        }
        return settings.store() == null ? "in memory" : "in PostgreSQL";
    }

    /** A store URL as it may be printed: its password (as a parameter or in the user info) masked. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    /** The settings the options describe, with the accounts of the config file (the one place they can be given). */
    Settings settings() {
        return settings(configFile());
    }

    private ConfigFile configFile() {
        return config != null ? ConfigFile.read(config) : new SettingSources(new String[0], System.getenv()).file();
    }

    private Settings settings(ConfigFile file) {
        return new Settings(port, bind, dataDir, store, authMode(), edition, editionsFile, operatorToken,
                file.accessKeys(), file.billingEntities(), throttleMode(), redisAddress(), clockMode(), callSettings(),
                parsed("--approval-policy", approvalPolicy, ApprovalPolicy::parse, "manual, auto or auto-up-to=Nx[,deny-above=Mx]"));
    }

    private CallSettings callSettings() {
        try {
            return new CallSettings(sipPort, sipTrunk, CallSettings.parseDuration(maxCallDuration),
                    parsed("--reorder-tone", reorderTone, CallSettings::parseReorderTone, CallSettings.CHOICES));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private ThrottleMode throttleMode() {
        return parsed("--throttle", throttle, ThrottleMode::parse, "faithful, off or scale=N (N a whole number >= 1)");
    }

    private RedisAddress redisAddress() {
        return throttleStore == null ? null : parsed("--throttle-store", throttleStore, RedisAddress::parse, "redis://host:port[/db]");
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
            throw new ParameterException(spec.commandLine(), option + " must be " + expected + ", not '" + value + "'");
        }
    }
}
