package dev.callgate.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * A command's words, parsed: each option's value comes from its flag, else CALLGATE_NAME, else the config file, else
 * its built-in default ({@link SettingSources}). A value that is not what the option takes is a {@link UsageError}.
 */
final class Arguments {
    private final ParsedCommand command;
    private final CommandLine line;
    private final SettingSources sources;

    private Arguments(ParsedCommand command, CommandLine line, SettingSources sources) {
        this.command = command;
        this.line = line;
        this.sources = sources;
    }

    static Arguments parse(ParsedCommand command, List<String> words, SettingSources sources) {
        try {
            // No partial matching: --por is a typo to name, not --port.
            CommandLine line = DefaultParser.builder().setAllowPartialMatching(false).get()
                    .parse(command.options(), words.toArray(String[]::new));
            return new Arguments(command, line, sources);
        } catch (UnrecognizedOptionException e) {
            throw new UsageError("Unknown option: '" + e.getOption() + "'");
        } catch (MissingArgumentException e) {
            throw new UsageError("Missing value for option '--" + e.getOption().getLongOpt() + "'");
        } catch (ParseException e) {
            throw new UsageError(e.getMessage());
        }
    }

    SettingSources sources() {
        return sources;
    }

    /** The option's value, or null when it has none from anywhere. */
    String value(Setting setting) {
        String flag = line.getOptionValue(setting.name());
        return flag != null ? flag : sources.value(setting.name(), setting.builtIn());
    }

    int wholeNumber(Setting setting) {
        String value = value(setting);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageError("Invalid value for option '" + setting.flagName() + "': '" + value + "' is not a whole number");
        }
    }

    Path path(Setting setting) {
        String value = value(setting);
        try {
            return value == null ? null : Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageError("Invalid value for option '" + setting.flagName() + "': '" + value + "' is not a path");
        }
    }

    /** Whether --help is on the line (only there: not from the environment or the config file). */
    boolean helpAsked() {
        return line.hasOption(ParsedCommand.HELP.name());
    }

    /** A switch: given as a flag, or set to true in the environment or the config file. */
    boolean isSet(Setting setting) {
        return line.hasOption(setting.name()) || Boolean.parseBoolean(sources.value(setting.name(), null));
    }

    /** An option the command cannot do without. */
    String required(Setting setting) {
        String value = value(setting);
        if (value == null) {
            throw new UsageError("Missing required option '" + setting.flagName() + "=" + setting.valueLabel() + "'");
        }
        return value;
    }

    String parameter(int index) {
        return line.getArgList().get(index);
    }

    /** As many parameters as the command takes, no fewer and no more. */
    void checkParameters() {
        List<String> given = line.getArgList();
        List<String> taken = command.parameters();
        if (given.size() < taken.size()) {
            throw new UsageError("Missing required parameter: '" + taken.get(given.size()) + "'");
        }
        if (given.size() > taken.size()) {
            throw new UsageError("Unmatched argument: '" + given.get(taken.size()) + "'");
        }
    }
}
