package dev.callgate.cli;

import java.io.PrintWriter;
import java.util.List;

/** A command made of commands: {@code callgate} (serve, requests), {@code callgate requests} (list, approve, deny, advance). */
final class CommandGroup extends Command {
    private final String version;
    private final List<Command> commands;

    /** {@code version}: what {@code --version} prints, or null for a group without that option. */
    CommandGroup(String name, String summary, String version, List<Command> commands) {
        super(name, summary);
        this.version = version;
        this.commands = List.copyOf(commands);
    }

    /** No command is a usage error that prints the usage; {@code --help} prints it as an answer. */
    @Override
    int execute(List<String> words, Invocation invocation) {
        if (words.isEmpty()) {
            usage(invocation.err(), invocation.path());
            return USAGE;
        }
        String first = words.get(0);
        if (first.equals("--help") || first.equals("-h")) {
            usage(invocation.out(), invocation.path());
            return 0;
        }
        if (version != null && (first.equals("--version") || first.equals("-V"))) {
            invocation.out().println(version);
            return 0;
        }
        for (Command command : commands) {
            if (command.name().equals(first)) {
                return command.execute(words.subList(1, words.size()), invocation.of(command));
            }
        }
        invocation.err().println((first.startsWith("-") ? "Unknown option: '" : "Unknown command: '") + first + "' ("
                + invocation.path() + " --help lists the commands)");
        return USAGE;
    }

    private void usage(PrintWriter to, String path) {
        to.printf("Usage: %s [--help]%s <command> [<options>]%n%s%n%nCommands:%n", path, version == null ? "" : " [--version]", summary());
        commands.forEach(command -> to.printf("  %-10s %s%n", command.name(), command.summary()));
        to.printf("%n'%s <command> --help' lists a command's options.%n", path);
        to.flush();
    }
}
