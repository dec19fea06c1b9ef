package dev.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the command line says when it is given no command, asks for help, or names an option that does not exist. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void noCommandIsAUsageErrorListingEveryCommand() {
        assertThat(run()).isEqualTo(Main.USAGE);

        assertThat(err.toString()).contains("Commands:", "serve", "requests");
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("serve", "requests");
    }

    @Test
    void aServeLineHasServesOptionsAndRefusesOthersByName() {
        assertThat(run("serve", "--bogus")).isEqualTo(Main.USAGE);

        assertThat(err.toString()).contains("Unknown option: '--bogus'", "callgate serve --help");
    }

    @Test
    void theRequestsCommandsAreThereForARequestsLine() {
        assertThat(run("requests", "--help")).isZero();

        assertThat(out.toString()).contains("list", "approve", "deny", "advance");
    }

    private int run(String... args) {
        return Main.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
