package dev.callgate.cli;

import java.util.List;

/** A command of the {@code callgate} command line: its name, one line on what it does, and its run. */
abstract class Command {
    /** Exit status of a command line that cannot be run as written. */
    static final int USAGE = 2;

    private final String name;
    private final String summary;

    Command(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    final String name() {
        return name;
    }

    /** One line on what it does, as the command above it lists it and its --help begins. */
    final String summary() {
        return summary;
    }

    /** Runs the command on the words after its name; returns its exit status. */
    abstract int execute(List<String> words, Invocation invocation);
}
