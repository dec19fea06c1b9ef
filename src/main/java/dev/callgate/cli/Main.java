package dev.callgate.cli;

import dev.callgate.Callgate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code callgate} command line. */
@Command(name = "callgate", mixinStandardHelpOptions = true, version = "Callgate 0.1.0",
        description = "A self-hosted Amazon Connect control plane that enforces Connect's service limits exactly.",
        subcommands = {ServeCommand.class, RequestsCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setDefaultValueProvider(new SettingSources(args, System.getenv()));
        int exit = commandLine.execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
