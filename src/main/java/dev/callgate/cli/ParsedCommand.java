package dev.callgate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** A command that does one thing: its words are options (from {@link #settings()}) and parameters. */
abstract class ParsedCommand extends Command {
    static final Setting HELP = Setting.flag("help", "Print this help and exit (also -h).");
    private static final int DESCRIPTION_WIDTH = 80;

    ParsedCommand(String name, String summary) {
        super(name, summary);
    }

    /** The parameters it takes besides its options, as its usage line names them, e.g. {@code <request-id>}. */
    List<String> parameters() {
        return List.of();
    }

    /** The options it takes; each can also come from the environment or the config file. */
    abstract List<Setting> settings();

    abstract int run(Arguments arguments, Invocation invocation);

    /** A line that cannot be run as written is one line naming what is wrong, and exit status 2. */
    @Override
    final int execute(List<String> words, Invocation invocation) {
        try {
            Arguments arguments = Arguments.parse(this, words, invocation.sources());
            if (arguments.helpAsked()) {
                usage(invocation.out(), invocation.path());
                return 0;
            }
            arguments.checkParameters();
            return run(arguments, invocation);
        } catch (UsageError e) {
            invocation.err().println(e.getMessage() + " (" + invocation.path() + " --help lists the options)");
            invocation.err().flush();
            return USAGE;
        }
    }

    Options options() {
        Options options = new Options();
        settings().forEach(setting -> options.addOption(setting.option()));
        options.addOption(Option.builder("h").longOpt(HELP.name()).desc(HELP.help()).get());
        return options;
    }

    /** The usage line, the summary, and each option with what it takes, its description wrapped beside it. */
    private void usage(PrintWriter to, String path) {
        to.printf("Usage: %s [<options>]%s%n%s%n%nOptions:%n", path, String.join("", parameters().stream().map(p -> " " + p).toList()), summary());
        List<Setting> all = new ArrayList<>(settings());
        all.add(HELP);
        int width = all.stream().mapToInt(setting -> usageName(setting).length()).max().orElse(0) + 2;
        for (Setting setting : all) {
            String text = setting.help();
            String name = usageName(setting);
            while (!text.isEmpty()) {
                int cut = text.length() <= DESCRIPTION_WIDTH ? text.length() : Math.max(text.lastIndexOf(' ', DESCRIPTION_WIDTH), 1);
                to.printf("  %-" + width + "s%s%n", name, text.substring(0, cut).strip());
                text = text.substring(cut).strip();
                name = "";
            }
        }
        to.flush();
    }

    private static String usageName(Setting setting) {
        return setting.takesValue() ? setting.flagName() + " " + setting.valueLabel() : setting.flagName();
    }
}
