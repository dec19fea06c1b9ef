package dev.callgate.cli;

import dev.callgate.Callgate;
import dev.callgate.config.CallSettings;
import dev.callgate.config.ConfigFile;
import dev.callgate.config.Settings;
import dev.callgate.console.Console;
import dev.callgate.limits.throttle.RedisAddress;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.requests.ApprovalPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** {@code callgate serve}: runs the server until it is stopped. */
final class ServeCommand extends ParsedCommand {
    static final Setting PORT = Setting.option("port", "<port>", "4599", "HTTP port of every API.");
    static final Setting BIND = Setting.option("bind", "<address>", "127.0.0.1", "Address to listen on.");
    static final Setting DATA_DIR = Setting.option("data-dir", "<dir>", "./callgate-data", "Directory of the embedded store.");
    static final Setting STORE = Setting.option("store", "<jdbc-url>",
            "JDBC URL of the store, e.g. jdbc:postgresql://host/db?user=u&password=p (default: embedded SQLite in the data dir).");
    static final Setting AUTH = Setting.option("auth", "<mode>", "lenient",
            "lenient (any credentials) or strict (keys from the config file, signatures verified).");
    static final Setting EDITION = Setting.option("edition", "<name>", "Edition given to new instances (default 2019-09-30).");
    static final Setting EDITIONS_FILE = Setting.option("editions-file", "<file>", "JSON file with more editions (one object or an array).");
    static final Setting OPERATOR_TOKEN = Setting.option("operator-token", "<token>", "Bearer token of the operator API in strict mode.");
    static final Setting THROTTLE = Setting.option("throttle", "<mode>", "faithful",
            "API throttling: faithful (Amazon Connect's rates), off, or scale=N (rates and bursts times N).");
    static final Setting THROTTLE_STORE = Setting.option("throttle-store", "<redis-url>",
            "redis://host:port[/db]: keep the throttle's buckets in Redis, shared by every node pointed at it"
                    + " (default: in memory on the embedded store, in PostgreSQL rows on PostgreSQL).");
    static final Setting CLOCK = Setting.option("clock", "<clock>", "system",
            "system, or virtual: time stands still until POST /_callgate/clock/advance moves it.");
    static final Setting SIP_PORT = Setting.option("sip-port", "<port>", "5060",
            "SIP port, UDP and TCP, on the bind address (0 picks a free port).");
    static final Setting SIP_TRUNK = Setting.option("sip-trunk", "<host:port>", "host:port of the SIP trunk that outbound calls go to (default: none).");
    static final Setting MAX_CALL_DURATION = Setting.option("max-call-duration", "<duration>", "4h",
            "Longest a call may last before Callgate hangs up, e.g. 4h, 90m, 30s.");
    static final Setting REORDER_TONE = Setting.option("reorder-tone", "<tone>", "off",
            "off, or early-media: a caller refused for want of a free concurrent-call slot hears"
                    + " the North American reorder tone in a 183 for two cycles (1 s) before the 503;"
                    + " early-media:uk, :de, :jp or :au for that country's tone.");
    static final Setting APPROVAL_POLICY = Setting.option("approval-policy", "<policy>", "manual",
            "What happens to a limit request: manual (stays PENDING for an operator), auto (approved at once),"
                    + " or auto-up-to=Nx[,deny-above=Mx] (approved up to N times the default, denied above M times, a case between).");
    static final Setting CONFIG = Setting.option("config", "<file>", "Config file (default ./callgate.json when present).");
    static final Setting VERBOSE = Setting.flag("verbose", "On a failed start, print the stack trace after the line that says what to fix.");

    static final List<Setting> SETTINGS = List.of(PORT, BIND, DATA_DIR, STORE, AUTH, EDITION, EDITIONS_FILE, OPERATOR_TOKEN,
            THROTTLE, THROTTLE_STORE, CLOCK, SIP_PORT, SIP_TRUNK, MAX_CALL_DURATION, REORDER_TONE, APPROVAL_POLICY, CONFIG, VERBOSE);

    ServeCommand() {
        super("serve", "Start Callgate. Every option can also be set as CALLGATE_<OPTION> in the environment or in the config file.");
    }

    @Override
    List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    int run(Arguments arguments, Invocation invocation) {
        ConfigFile file = arguments.sources().file();
        Settings settings = settings(arguments);
        long started = System.nanoTime();
        Callgate callgate = Callgate.start(settings);
        // The start leaves ~11 MB that lives as long as the server. Moved to the old generation here, in one
        // collection before the server says it is ready, rather than by the first collections under load: each
        // page the old generation fills for the first time costs a fault (14 us each on our benchmark VM), and
        // those made the first collections of a load 13 to 31 ms long (bench/journal.md, "Why the collector pauses
        // exceed 10 ms"); on huge pages still 10 to 16 ms, against 6 with this collection, which costs the start
        // 14 to 34 ms (bench/journal.md, "The start's last costs").
        System.gc();
        String endpoint = "http://" + settings.bind() + ":" + callgate.port();
        PrintWriter out = invocation.out();
        out.printf("Callgate is listening on %s (ready in %d ms)%n", endpoint, (System.nanoTime() - started) / 1_000_000);
        out.printf("Store: %s%n", settings.store() == null ? "embedded SQLite in " + settings.dataDir().toAbsolutePath().normalize()
                : "PostgreSQL at " + withoutPassword(settings.store()));
        out.printf("Auth: %s; config file: %s%n", settings.auth() == Settings.AuthMode.STRICT
                ? "strict (signatures verified; the operator API needs its token)" : "lenient (any credentials are accepted)",
                file.path() == null ? "none" : file.path().toAbsolutePath().normalize());
        out.printf("SIP on udp and tcp %s:%d; trunk: %s; reorder tone: %s%n", settings.bind(), callgate.sipPort(),
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
    Settings settings(Arguments arguments) {
        ConfigFile file = arguments.sources().file();
        return new Settings(arguments.wholeNumber(PORT), arguments.value(BIND), arguments.path(DATA_DIR), arguments.value(STORE),
                parsed(arguments, AUTH, value -> Settings.AuthMode.valueOf(value.toUpperCase(Locale.ROOT)), "lenient or strict"),
                arguments.value(EDITION), arguments.path(EDITIONS_FILE), arguments.value(OPERATOR_TOKEN),
                file.accessKeys(), file.billingEntities(),
                parsed(arguments, THROTTLE, ThrottleMode::parse, "faithful, off or scale=N (N a whole number >= 1)"),
                arguments.value(THROTTLE_STORE) == null ? null
                        : parsed(arguments, THROTTLE_STORE, RedisAddress::parse, "redis://host:port[/db]"),
                parsed(arguments, CLOCK, value -> Settings.ClockMode.valueOf(value.toUpperCase(Locale.ROOT)), "system or virtual"),
                callSettings(arguments),
                parsed(arguments, APPROVAL_POLICY, ApprovalPolicy::parse, "manual, auto or auto-up-to=Nx[,deny-above=Mx]"));
    }

    private static CallSettings callSettings(Arguments arguments) {
        try {
            return new CallSettings(arguments.wholeNumber(SIP_PORT), arguments.value(SIP_TRUNK),
                    CallSettings.parseDuration(arguments.value(MAX_CALL_DURATION)),
                    parsed(arguments, REORDER_TONE, CallSettings::parseReorderTone, CallSettings.CHOICES));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** An option's value parsed, or a usage error naming what the option takes. */
    private static <T> T parsed(Arguments arguments, Setting setting, Function<String, T> parse, String expected) {
        String value = arguments.value(setting);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UsageError(setting.flagName() + " must be " + expected + ", not '" + value + "'");
        }
    }
}
