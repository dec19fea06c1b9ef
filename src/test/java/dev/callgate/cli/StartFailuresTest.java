package dev.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.store.Store;
import dev.callgate.testing.ChildServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot succeed says, in one line, what to fix, and exits non-zero; --verbose adds the stack trace. */
class StartFailuresTest {
    @TempDir
    Path dir;

    @Test
    void noCommandPrintsTheUsageAndExits2() {
        Result result = run();

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: callgate").contains("serve");
    }

    @Test
    void aBadFlagValueIsOneLineNamingIt() {
        Result port = run("serve", "--port", "abc");
        Result throttle = run("serve", "--throttle", "fast", "--data-dir", dir.toString());

        assertThat(port.exit()).isEqualTo(2);
        assertThat(port.lines()).singleElement().asString().contains("--port").contains("abc");
        assertThat(throttle.exit()).isEqualTo(2);
        assertThat(throttle.lines()).singleElement().asString().contains("--throttle must be faithful, off or scale=N");
    }

    @Test
    void anUnknownConfigKeyIsRefusedWithTheNearestKnownOne() throws Exception {
        Path config = Files.writeString(dir.resolve("callgate.json"), "{\"auht\": \"strict\"}");

        Result result = run("serve", "--config", config.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines()).singleElement().asString().contains("Unknown key \"auht\"").contains("did you mean \"auth\"?");
    }

    @Test
    void anUnknownKeyOfAnAccountIsRefusedToo() throws Exception {
        Path config = Files.writeString(dir.resolve("callgate.json"),
                "{\"accounts\": [{\"id\": \"111122223333\", \"users\": [{\"name\": \"a\", \"accesKeyId\": \"AK\"}]}]}");

        Result result = run("serve", "--config", config.toString());

        assertThat(result.lines()).singleElement().asString().contains("did you mean \"accounts[].users[].accessKeyId\"?");
    }

    @Test
    void aThrottleStoreThatIsNotARedisAddressIsOneLineNamingTheForm() {
        Result result = run("serve", "--throttle-store", "http://cache:6379", "--data-dir", dir.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.lines()).singleElement().asString()
                .contains("--throttle-store must be redis://host:port[/db], not 'http://cache:6379'");
    }

    @Test
    void anUnreachableThrottleStoreIsOneLineSayingWhatToFix() throws Exception {
        Path config = Files.writeString(dir.resolve("callgate.json"), "{\"throttle-stor\": \"redis://127.0.0.1:1\"}");
        int closed = ChildServer.freePort(); // nothing listens there

        Result misspelt = run("serve", "--config", config.toString());
        Result unreachable = run("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--throttle-store", "redis://127.0.0.1:" + closed + "/3");

        assertThat(misspelt.lines()).singleElement().asString().contains("did you mean \"throttle-store\"?");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.lines()).singleElement().asString()
                .contains("Cannot reach the throttle store redis://127.0.0.1:" + closed + "/3", "start Redis there, or fix --throttle-store");
    }

    @Test
    void strictAuthWithoutAnOperatorTokenDoesNotStart() {
        Result result = run("serve", "--auth", "strict", "--data-dir", dir.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines()).singleElement().asString().contains("--auth strict needs an operator token");
    }

    @Test
    void aMissingOrInvalidConfigFileSaysWhichAndWhy() throws Exception {
        Path invalid = Files.writeString(dir.resolve("bad.json"), "{\"port\": 1,\n}");

        Result missing = run("serve", "--config", dir.resolve("absent.json").toString());
        Result broken = run("serve", "--config", invalid.toString());

        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.lines()).singleElement().asString().contains("absent.json").contains("no such file");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.lines()).singleElement().asString().contains("bad.json").contains("not valid JSON at line 2");
    }

    @Test
    void aBadEditionsFileSaysWhichAndWhy() throws Exception {
        Path editions = Files.writeString(dir.resolve("editions.json"), "[{\"name\": \"x\", \"quotas\": {\"NO_SUCH_QUOTA\": 1}}]");

        Result result = run("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(), "--editions-file", editions.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines()).singleElement().asString().contains("Fix the editions file").contains("NO_SUCH_QUOTA");
    }

    @Test
    void aDataDirThatCannotBeWrittenSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");

        Result result = run("serve", "--port", "0", "--data-dir", file.resolve("data").toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines()).singleElement().asString().contains("Cannot write to the data dir");
    }

    @Test
    void aDataDirInUseSaysSo() {
        try (Store running = Store.openEmbedded(dir)) {
            Result result = run("serve", "--port", "0", "--data-dir", dir.toString());

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.lines()).singleElement().asString().contains("is in use by a running Callgate server");
        }
    }

    @Test
    void aPortInUseSaysSoAndVerboseAddsTheStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());

            Result plain = run("serve", "--port", port, "--data-dir", dir.toString());
            Result verbose = run("serve", "--port", port, "--data-dir", dir.toString(), "--verbose");

            assertThat(plain.exit()).isEqualTo(1);
            assertThat(plain.lines()).singleElement().asString().contains("Cannot listen on 127.0.0.1:" + port).contains("--port");
            assertThat(verbose.exit()).isEqualTo(1);
            assertThat(verbose.err()).contains("Cannot listen on").contains("\tat ");
        }
    }

    @Test
    void aSipPortInUseSaysSoAndTheHttpPortIsLeftFree() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String sipPort = String.valueOf(taken.getLocalPort());
            int httpPort = ChildServer.freePort();

            Result result = run("serve", "--port", String.valueOf(httpPort), "--sip-port", sipPort, "--data-dir", dir.toString());

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.lines()).singleElement().asString().contains("Cannot listen for SIP on 127.0.0.1:" + sipPort);
            try (ServerSocket free = new ServerSocket(httpPort, 1, InetAddress.getLoopbackAddress())) {
                assertThat(free.getLocalPort()).isEqualTo(httpPort);
            }
        }
    }

    @Test
    void aSipPortTakenOnlyOverTcpSaysSoInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String sipPort = String.valueOf(taken.getLocalPort()); // its UDP twin is left free

            Result result = run("serve", "--port", "0", "--sip-port", sipPort, "--data-dir", dir.toString());

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.lines()).singleElement().asString().contains("Cannot listen for SIP on 127.0.0.1:" + sipPort);
        }
    }

    @Test
    void theStartLinesSayHowTheServerRuns() throws Exception {
        Path log = dir.resolve("server.log");
        ChildServer server = ChildServer.start(dir.resolve("data"), null, ChildServer.freePort(), log);
        server.stop(ChildServer.Stop.SIGTERM);

        assertThat(Files.readString(log))
                .contains("Store: embedded SQLite in " + dir.resolve("data").toAbsolutePath())
                .contains("Auth: lenient (any credentials are accepted); config file: none")
                .contains("API throttle: off; clock: system");
    }

    @Test
    void aStorePasswordIsNeverPrinted() {
        assertThat(ServeCommand.withoutPassword("jdbc:postgresql://db/cg?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/cg?user=u&password=***&ssl=true");
        assertThat(ServeCommand.withoutPassword("jdbc:postgresql://u:s3cret@db/cg")).isEqualTo("jdbc:postgresql://u:***@db/cg");
    }

    private record Result(int exit, String out, String err) {
        List<String> lines() {
            return err.lines().toList();
        }
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> given = new ArrayList<>(List.of(args));
        int exit = Main.execute(given.toArray(String[]::new), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
