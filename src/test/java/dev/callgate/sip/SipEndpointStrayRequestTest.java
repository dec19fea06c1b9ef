package dev.callgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.RawSip;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every request gets a final response, and none for a dialog Callgate does not carry reaches the router: in-dialog
 * requests after the call ended (the stack still keeps its dialog a while) or in a dialog that never was get 481
 * (RFC 3261 §12.2.2), and so does a re-INVITE on a live call with a To tag that is not the call's; a new INVITE on
 * the Call-ID of a live call gets 482 and leaves that call as it was.
 * Over UDP and over one TCP connection.
 */
class SipEndpointStrayRequestTest {
    private static final String NUMBER = "+12065550100";

    @Test
    void strayRequestsAreAnsweredAndNeverReachTheRouter() {
        HeldRouter router = new HeldRouter();
        router.release.countDown();
        try (SipEndpoint endpoint = SipEndpoint.listen("127.0.0.1", 0, 4); RawSip udp = new RawSip(endpoint.port());
             RawSip tcp = RawSip.overTcp(endpoint.port())) {
            endpoint.route(router);
            for (RawSip sip : List.of(udp, tcp)) {
                String callId = UUID.randomUUID().toString();
                sip.send(sip.invite(NUMBER, callId));
                String ok = last(sip.untilFinal(callId));
                assertThat(RawSip.status(ok)).isEqualTo(200);

                String second = sip.invite(NUMBER, callId).replace("CSeq: 1 INVITE", "CSeq: 7 INVITE");
                sip.send(second);
                String loop = last(sip.untilFinal(callId));
                assertThat(RawSip.status(loop)).as("a new INVITE on a Call-ID in use").isEqualTo(482);
                sip.send(RawSip.ackOfRefusal(second, loop));
                sip.send(sip.inDialog("ACK", ok, callId, 1));
                String to = RawSip.header(ok, "To");
                sip.send(sip.inDialog("INVITE", ok, callId, 2).replace("To: " + to, "To: " + to.replaceFirst(";tag=[^;]*", ";tag=stranger")));
                assertThat(RawSip.status(last(sip.untilFinal(callId)))).as("a re-INVITE with another dialog's To tag").isEqualTo(481);

                sip.send(sip.inDialog("BYE", ok, callId, 3));
                assertThat(RawSip.status(last(sip.untilFinal(callId)))).isEqualTo(200);
                int cseq = 4;
                for (String method : List.of("BYE", "INVITE", "UPDATE", "CANCEL")) {
                    sip.send(sip.inDialog(method, ok, callId, cseq++));
                    assertThat(RawSip.status(last(sip.untilFinal(callId)))).as(method + " after the call ended").isEqualTo(481);
                }
                for (String method : List.of("BYE", "INVITE", "UPDATE")) {
                    String madeUp = UUID.randomUUID().toString();
                    sip.send(sip.inDialog(method, ok, madeUp, 5));
                    assertThat(RawSip.status(last(sip.untilFinal(madeUp)))).as(method + " in a dialog that never was").isEqualTo(481);
                }
                String info = UUID.randomUUID().toString();
                sip.send(sip.inDialog("INFO", ok, info, 5));
                assertThat(RawSip.status(last(sip.untilFinal(info)))).as("a method Callgate never takes").isEqualTo(405);
                assertThat(router.ended).containsEntry(callId, List.of(Ending.PEER_HANGUP));
            }
            assertThat(router.offered).as("only the two calls").hasSize(2);
            assertThat(router.refreshed).as("no stray request refreshed a call").isEmpty();
            assertThat(router.ended).hasSize(2).allSatisfy((callId, endings) -> assertThat(endings).hasSize(1));
        }
    }

    private static String last(List<String> responses) {
        return responses.get(responses.size() - 1);
    }
}
