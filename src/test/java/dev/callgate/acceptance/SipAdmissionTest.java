package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.Calls;
import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concurrent calls over real SIP (limits.md §4), with sipp as the caller: an instance with a limit of
 * 100 gets 150 simultaneous calls; exactly 100 are answered and 50 refused with 503, and every slot
 * is free once the calls hang up. Over UDP, and over TCP (sipp's calls on one connection).
 */
class SipAdmissionTest extends ServerSuite {

    @Test
    void aHundredAndFiftySimultaneousCallsMeetALimitOfAHundred() throws Exception {
        // -nr: on a loaded machine sipp retransmits INVITEs still being admitted, and a provisional response
        // repeated for such a retransmission can arrive after the 200 OK; a real UA ignores it, sipp's uac
        // scenario aborts the answered call. Loopback loses no datagrams, so sipp's retransmissions add nothing.
        callsMeetTheLimit(List.of("-nr"));
    }

    @Test
    void overTcpTheLimitHoldsAndRefusalsAre503Too() throws Exception {
        callsMeetTheLimit(List.of("-t", "t1"));
    }

    private void callsMeetTheLimit(List<String> transport) throws Exception {
        Fixtures instance = Fixtures.newInstance(connect, "calls");
        String number = Calls.claimNumber(connect, instance.instanceId);
        Path dir = Files.createTempDirectory("sipp-uac");
        List<String> args = new ArrayList<>(List.of("127.0.0.1:" + server.sipPort(), "-sn", "uac", "-s", number,
                "-i", "127.0.0.1", "-p", String.valueOf(ChildServer.freePort()), "-r", "150", "-rp", "1000",
                "-l", "150", "-m", "150", "-d", "10000", "-nostdin", "-trace_stat", "-fd", "1", "-trace_err",
                "-trace_error_codes", "-timeout", "90s"));
        args.addAll(transport);

        Sipp.Result result = Sipp.run(dir, args, Duration.ofSeconds(120));

        assertThat(result.count("SuccessfulCall(C)")).as("answered with 200").isEqualTo(100);
        assertThat(result.count("FailedCall(C)")).as("refused").isEqualTo(50);
        assertThat(result.errorCodes()).hasSize(50).containsOnly("503");
        assertThat(server.operator().awaitUsage("instances/" + instance.instanceId + "/quotas", "CONCURRENT_CALLS", 0)).isZero();
    }
}
