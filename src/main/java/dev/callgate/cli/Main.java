package dev.callgate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code callgate} command line. */
@Command(name = "callgate", mixinStandardHelpOptions = true, version = "Callgate 0.1.0",
        description = "A self-hosted Amazon Connect control plane that enforces Connect's service limits exactly.",
        subcommands = {ServeCommand.class, RequestsCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit status of a command line that names no command or has a bad option. */
    static final int USAGE = 2;
    /** Exit status of a server that could not start. */
    static final int NOT_STARTED = 1;

    private PrintWriter err;

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
    static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        try {
            Main main = new Main();
            main.err = err;
            CommandLine commandLine = new CommandLine(main);
            commandLine.setOut(out);
            commandLine.setErr(err);
            SettingSources sources = new SettingSources(args, env);
            sources.file().checkKeys(optionNames(commandLine.getSubcommands().get("serve")));
            commandLine.setDefaultValueProvider(sources);
            commandLine.setParameterExceptionHandler((e, given) -> {
                err.println(e.getMessage() + " (" + helpOf(e.getCommandLine()) + " lists the options)");
                return USAGE;
            });
            commandLine.setExecutionExceptionHandler((e, command, parsed) -> notStarted(e, args, err));
            return commandLine.execute(args);
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

    private static Set<String> optionNames(CommandLine command) {
        return command.getCommandSpec().options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).map(OptionSpec::longestName)
                .map(name -> name.replaceFirst("^--", "")).collect(Collectors.toSet());
    }

    private static String helpOf(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + " --help";
    }

    /** No command given: the usage, as an error. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(err);
        err.flush();
        return USAGE;
    }
}
