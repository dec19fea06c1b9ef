package dev.callgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.RawSip;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every request gets a final response, and none for a dialog Callgate does not carry reaches the router: in-dialog
 * requests after the call ended (the stack still keeps its dialog a while) or in a dialog that never was get 481
 * (RFC 3261 §12.2.2), a new INVITE on the Call-ID of a live call gets 482 and leaves that call as it was.
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
                sip.send(ackOfRefusal(second, loop));
                sip.send(inDialog(sip, "ACK", ok, callId, 1));

                sip.send(inDialog(sip, "BYE", ok, callId, 3));
                assertThat(RawSip.status(last(sip.untilFinal(callId)))).isEqualTo(200);
                int cseq = 4;
                for (String method : List.of("BYE", "INVITE", "UPDATE", "CANCEL")) {
                    sip.send(inDialog(sip, method, ok, callId, cseq++));
                    assertThat(RawSip.status(last(sip.untilFinal(callId)))).as(method + " after the call ended").isEqualTo(481);
                }
                for (String method : List.of("BYE", "INVITE", "UPDATE")) {
                    String madeUp = UUID.randomUUID().toString();
                    sip.send(inDialog(sip, method, ok, madeUp, 5));
                    assertThat(RawSip.status(last(sip.untilFinal(madeUp)))).as(method + " in a dialog that never was").isEqualTo(481);
                }
                String info = UUID.randomUUID().toString();
                sip.send(inDialog(sip, "INFO", ok, info, 5));
                assertThat(RawSip.status(last(sip.untilFinal(info)))).as("a method Callgate never takes").isEqualTo(405);
                assertThat(router.ended).containsEntry(callId, List.of(Ending.PEER_HANGUP));
            }
            assertThat(router.offered).as("only the two calls").hasSize(2);
            assertThat(router.ended).hasSize(2).allSatisfy((callId, endings) -> assertThat(endings).hasSize(1));
        }
    }

    private static String last(List<String> responses) {
        return responses.get(responses.size() - 1);
    }

    /** The ACK of a final refusal of {@code invite}: in its transaction (its Via), with the response's To. */
    private static String ackOfRefusal(String invite, String refusal) {
        String requestUri = invite.substring("INVITE ".length(), invite.indexOf(" SIP/2.0"));
        return "ACK " + requestUri + " SIP/2.0\r\n"
                + "Via: " + RawSip.header(invite, "Via") + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + RawSip.header(invite, "From") + "\r\n"
                + "To: " + RawSip.header(refusal, "To") + "\r\n"
                + "Call-ID: " + RawSip.header(invite, "Call-ID") + "\r\n"
                + "CSeq: 7 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** A request from {@code caller} in the dialog that {@code ok} (the 200 to its INVITE) established, on {@code callId}. */
    private static String inDialog(RawSip caller, String method, String ok, String callId, int cseq) {
        String contact = RawSip.header(ok, "Contact");
        String target = contact.substring(contact.indexOf('<') + 1, contact.indexOf('>'));
        return method + " " + target + " SIP/2.0\r\n"
                + "Via: " + caller.via() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + RawSip.header(ok, "From") + "\r\n"
                + "To: " + RawSip.header(ok, "To") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
