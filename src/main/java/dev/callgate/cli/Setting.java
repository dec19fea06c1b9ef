package dev.callgate.cli;

import org.apache.commons.cli.Option;

/**
 * One option of a command: {@code --name}, what its value looks like (null for a switch), its built-in default (null
 * for none) and what it does. Its value comes from the flag, else CALLGATE_NAME, else the config file, else the
 * built-in default ({@link SettingSources}).
 */
record Setting(String name, String valueLabel, String builtIn, String description) {
    static Setting option(String name, String valueLabel, String builtIn, String description) {
        return new Setting(name, valueLabel, builtIn, description);
    }

    static Setting option(String name, String valueLabel, String description) {
        return new Setting(name, valueLabel, null, description);
    }

    static Setting flag(String name, String description) {
        return new Setting(name, null, null, description);
    }

    /** The flag as it is written on a command line. */
    String flagName() {
        return "--" + name;
    }

    boolean takesValue() {
        return valueLabel != null;
    }

    /** What the option does, as --help prints it: with its built-in default, if it has one. */
    String help() {
        return builtIn == null ? description : description + " (default " + builtIn + ")";
    }

    Option option() {
        return Option.builder().longOpt(name).hasArg(takesValue()).desc(help()).get();
    }
}
