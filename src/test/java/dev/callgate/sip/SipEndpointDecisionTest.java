package dev.callgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.RawSip;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A call that leaves OFFERED while its INVITE waits for a decision, or while the router decides, is never admitted
 * behind the caller's back: one cancelled in the queue is never offered to the router, and one ended during the
 * decision is reported to the router once, with the cause it ended by. Real SIP sockets (UDP, and one TCP
 * connection) call an endpoint whose router holds its decisions until the test lets them go.
 */
class SipEndpointDecisionTest {

    @Test
    void aCallThatEndsBeforeItsDecisionIsNeverOfferedAndOneThatEndsDuringItIsReportedOnceWithItsCause() throws Exception {
        HeldRouter router = new HeldRouter();
        try (SipEndpoint endpoint = SipEndpoint.listen("127.0.0.1", 0, 4); RawSip caller = new RawSip(endpoint.port());
             RawSip tcp = RawSip.overTcp(endpoint.port())) {
            endpoint.route(router);
            String lost = UUID.randomUUID().toString();
            tcp.send(tcp.invite("+12065550100", lost));
            awaitDecisions(router, 1);
            String cancelledDuring = UUID.randomUUID().toString();
            String duringInvite = caller.invite("+12065550100", cancelledDuring);
            caller.send(duringInvite);
            awaitDecisions(router, 1);
            List<String> others = new ArrayList<>();
            for (int i = 2; i < SipEndpoint.OFFER_WORKERS; i++) {
                others.add(UUID.randomUUID().toString());
                caller.send(caller.invite("+12065550100", others.get(others.size() - 1)));
            }
            awaitDecisions(router, others.size());
            String cancelledWaiting = UUID.randomUUID().toString();
            String waitingInvite = caller.invite("+12065550100", cancelledWaiting);
            caller.send(waitingInvite);
            assertThat(RawSip.status(next(caller, cancelledWaiting))).as("queued behind the held workers").isEqualTo(100);

            caller.send(RawSip.cancel(waitingInvite));
            assertThat(RawSip.status(inviteFinal(caller, cancelledWaiting))).isEqualTo(487);
            caller.send(RawSip.cancel(duringInvite));
            assertThat(RawSip.status(inviteFinal(caller, cancelledDuring))).isEqualTo(487);
            tcp.reset();
            SipCall lostCall = router.offered.get(lost);
            await("the lost connection ends the call the router is deciding", () -> lostCall.state() == SipCall.State.ENDED);

            router.release.countDown();
            awaitAnswers(caller, others);
            await("the router hears of both ends", () -> router.ended.size() >= 2);

            assertThat(router.offered).as("the call cancelled in the queue was never offered")
                    .containsOnlyKeys(concat(others, lost, cancelledDuring));
            assertThat(router.ended).isEqualTo(Map.of(cancelledDuring, List.of(Ending.CANCELLED), lost, List.of(Ending.CONNECTION_LOST)));
        }
    }

    private static void awaitDecisions(HeldRouter router, int calls) throws InterruptedException {
        assertThat(router.entered.tryAcquire(calls, 10, TimeUnit.SECONDS)).as("%d more calls in the router's decision", calls).isTrue();
    }

    /** Waits (at most 10 s) until {@code condition} holds, checking it every 10 ms. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !condition.getAsBoolean() && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    /** Reads until each of the calls has a 200 to its INVITE (a retransmitted one is read once more, harmlessly). */
    private static void awaitAnswers(RawSip caller, List<String> callIds) {
        Set<String> waiting = new HashSet<>(callIds);
        while (!waiting.isEmpty()) {
            String response = caller.receive();
            if (response.startsWith("SIP/2.0 ") && RawSip.status(response) >= 200) {
                assertThat(RawSip.status(response)).as(response).isEqualTo(200);
                waiting.remove(RawSip.header(response, "Call-ID"));
            }
        }
    }

    /** The next response of the call; other calls' messages are skipped. */
    private static String next(RawSip caller, String callId) {
        while (true) {
            String response = caller.receive();
            if (response.startsWith("SIP/2.0 ") && callId.equals(RawSip.header(response, "Call-ID"))) {
                return response;
            }
        }
    }

    /** The final response to the call's INVITE (a CANCEL's own 200 is skipped). */
    private static String inviteFinal(RawSip caller, String callId) {
        while (true) {
            List<String> responses = caller.untilFinal(callId);
            String response = responses.get(responses.size() - 1);
            if (RawSip.header(response, "CSeq").endsWith("INVITE")) {
                return response;
            }
        }
    }

    private static List<String> concat(List<String> callIds, String... more) {
        List<String> all = new ArrayList<>(callIds);
        all.addAll(List.of(more));
        return all;
    }
}
