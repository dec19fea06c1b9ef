package dev.callgate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code callgate} command line. */
public final class Main {
    /** Exit status of a command line that names no command or has a bad option. */
    static final int USAGE = Command.USAGE;
    /** Exit status of a server that could not start. */
    static final int NOT_STARTED = 1;

    static final Command CALLGATE = new CommandGroup("callgate",
            "A self-hosted Amazon Connect control plane that enforces Connect's service limits exactly.", "Callgate 0.1.0",
            List.of(new ServeCommand(), RequestsCommand.GROUP));
    /** What a config file may set: the server's options, and where the requests commands find the server. */
    private static final Set<String> CONFIG_KEYS = Stream.concat(ServeCommand.SETTINGS.stream(), RequestsCommand.SERVER.stream())
            .map(Setting::name).collect(Collectors.toSet());

    private Main() {
    }

    public static void main(String[] args) {
        int exit = execute(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (exit != 0) {
            System.exit(exit); // never with 0: after a stop, the JVM is already exiting
        }
    }

    /**
     * Runs a command line; returns its exit status. A start-up failure is one line on {@code err} that
     * says what to fix (its stack trace too with --verbose); a bad option is one line naming it.
     */
    public static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        try {
            SettingSources sources = new SettingSources(args, env);
            sources.file().checkKeys(CONFIG_KEYS);
            return CALLGATE.execute(List.of(args), new Invocation(CALLGATE.name(), out, err, sources));
        } catch (RuntimeException e) {
            return notStarted(e, args, err);
        }
    }

    private static int notStarted(Exception e, String[] args, PrintWriter err) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        err.println("Callgate did not start. " + message.lines().findFirst().orElse(message));
        if (List.of(args).contains("--verbose")) {
            e.printStackTrace(err);
        }
        err.flush();
        return NOT_STARTED;
    }
}
