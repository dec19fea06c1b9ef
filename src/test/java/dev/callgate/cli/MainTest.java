package dev.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void anUnknownCommandOrAnAbbreviatedOptionIsNamed() {
        assertThat(run("srve")).isEqualTo(Main.USAGE);
        assertThat(run("serve", "--por", "1")).isEqualTo(Main.USAGE);

        assertThat(err.toString()).contains("Unknown command: 'srve' (callgate --help lists the commands)")
                .contains("Unknown option: '--por'");
    }

    @Test
    void serveHelpListsEveryOptionWithItsDefault() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(run("requests", "list", "-h")).isZero();

        assertThat(out.toString()).contains("Usage: callgate serve [<options>]", "--port <port>", "(default 4599)",
                "--throttle-store <redis-url>", "--verbose", "CALLGATE_<OPTION>", "Usage: callgate requests list [<options>]", "--page-size <n>");
    }

    @Test
    void aRequestsCommandWithoutItsRequestIdOrARequiredOptionIsAUsageError() {
        assertThat(run("requests", "approve")).isEqualTo(Main.USAGE);
        assertThat(run("requests", "deny", "r-1")).isEqualTo(Main.USAGE);
        assertThat(run("requests", "approve", "r-1", "r-2")).isEqualTo(Main.USAGE);

        assertThat(err.toString()).contains("Missing required parameter: '<request-id>' (callgate requests approve --help lists the options)")
                .contains("Missing required option '--reason=<reason>' (callgate requests deny --help")
                .contains("Unmatched argument: 'r-2'");
    }

    /** The requests commands find the server where the server's options are: flag, environment or config file. */
    @Test
    void theConfigFileCanSayWhereTheServerIsButNotARequestsFilter(@TempDir Path dir) throws Exception {
        Path server = Files.writeString(dir.resolve("server.json"), "{\"endpoint\": \"http://127.0.0.1:1\"}");
        Path filter = Files.writeString(dir.resolve("filter.json"), "{\"status\": \"PENDING\"}");

        int unreachable = Main.execute(new String[] {"requests", "list"}, Map.of("CALLGATE_CONFIG", server.toString()),
                new PrintWriter(out, true), new PrintWriter(err, true));
        int refused = Main.execute(new String[] {"requests", "list"}, Map.of("CALLGATE_CONFIG", filter.toString()),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(unreachable).isEqualTo(1);
        assertThat(refused).isEqualTo(Main.NOT_STARTED);
        assertThat(err.toString()).contains("Cannot reach Callgate at http://127.0.0.1:1").contains("Unknown key \"status\"");
    }

    private int run(String... args) {
        return Main.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
