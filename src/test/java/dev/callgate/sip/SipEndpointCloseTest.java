package dev.callgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.RawSip;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing a SIP endpoint: one closed right after it started (a start that fails just after SIP came up) frees both
 * its ports; one closed while INVITEs arrive answers each of them once, and refuses none as congestion.
 */
class SipEndpointCloseTest {
    @Test
    void closingRightAfterListeningFreesTheUdpAndTcpPorts() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 3; attempt++) {
            SipEndpoint endpoint = SipEndpoint.listen(loopback.getHostAddress(), 0);
            int port = endpoint.port();

            endpoint.close();

            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
                 ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(loopback, port));
                assertThat(udp.getLocalPort()).isEqualTo(port);
                assertThat(tcp.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void whileClosingDecisionsUnderWayAreAnsweredAndEveryOtherInviteIsRefusedAsStoppingNotAsCongestion() throws Exception {
        HeldRouter router = new HeldRouter();
        SipEndpoint endpoint = SipEndpoint.listen("127.0.0.1", 0);
        Thread closing = new Thread(endpoint::close, "closing");
        try (RawSip caller = new RawSip(endpoint.port())) {
            endpoint.route(router);
            List<String> underWay = invites(caller, SipEndpoint.OFFER_WORKERS);
            assertThat(router.entered.tryAcquire(SipEndpoint.OFFER_WORKERS, 10, TimeUnit.SECONDS)).as("every worker deciding").isTrue();
            List<String> refused = invites(caller, 2); // they wait in the queue

            closing.start();
            awaitWaiting(closing); // for the decisions under way
            refused.addAll(invites(caller, 1)); // arrives while the endpoint closes
            Map<String, Set<String>> finals = new ConcurrentHashMap<>();
            caller.collectFinals(finals, 1);
            router.release.countDown();
            caller.collectFinals(finals, underWay.size() + refused.size());
            closing.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(closing.isAlive()).as("closed").isFalse();
            assertThat(finals.values()).allSatisfy(answers -> assertThat(answers).as("one final answer per INVITE").hasSize(1));
            assertThat(underWay).allSatisfy(callId -> assertThat(RawSip.status(only(finals, callId))).isEqualTo(200));
            assertThat(refused).allSatisfy(callId -> {
                String refusal = only(finals, callId);
                assertThat(refusal).startsWith("SIP/2.0 503 Service Unavailable\r\n");
                assertThat(RawSip.header(refusal, "Retry-After")).isEqualTo("30");
                assertThat(RawSip.header(refusal, "Reason")).as("no congestion cause").isNull();
            });
            assertThat(router.offered).containsOnlyKeys(underWay);
            assertThat(router.congested).as("none counted as congestion").isEmpty();
        } finally {
            router.release.countDown();
            if (closing.getState() == Thread.State.NEW) {
                endpoint.close();
            }
            closing.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Sends {@code count} INVITEs on new Call-IDs, and returns them. */
    private static List<String> invites(RawSip caller, int count) {
        List<String> callIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String callId = UUID.randomUUID().toString();
            caller.send(caller.invite("+12065550100", callId));
            callIds.add(callId);
        }
        return callIds;
    }

    /** Waits until {@code thread} waits with a timeout: close() waiting for the decisions under way. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
             thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }

    private static String only(Map<String, Set<String>> finals, String callId) {
        return finals.get(callId).iterator().next();
    }
}
