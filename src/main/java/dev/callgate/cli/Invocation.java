package dev.callgate.cli;

import java.io.PrintWriter;

/** Where a command prints, where its options' values come from when not given as flags, and how it is called. */
record Invocation(String path, PrintWriter out, PrintWriter err, SettingSources sources) {
    /** The same, one command further down: {@code callgate} becomes {@code callgate serve}. */
    Invocation of(Command command) {
        return new Invocation(path + " " + command.name(), out, err, sources);
    }
}
