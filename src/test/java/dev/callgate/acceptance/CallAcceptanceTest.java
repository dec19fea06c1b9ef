package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.CallSettings;
import dev.callgate.config.Settings;
import dev.callgate.testing.Calls;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.RawSip;
import dev.callgate.testing.ReportsClient;
import dev.callgate.testing.ServerSuite;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.Contact;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;
import software.amazon.awssdk.services.connect.model.ContactNotFoundException;

/**
 * Inbound calls and their slots (limits.md §4) on an instance of the 2017-03-28 edition (10 concurrent
 * calls), over raw SIP and the simulated-call API, with the virtual clock driving every deadline: the
 * max call duration (10 minutes here), the ACK the caller owes (32 s) and RFC 4028 session timers; and, with
 * the clock standing still, a TCP caller's lost connection.
 */
class CallAcceptanceTest extends ServerSuite {
    private static final String CONCURRENT_CALLS = "CONCURRENT_CALLS";

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withEdition("2017-03-28").withClock(Settings.ClockMode.VIRTUAL)
                .withCalls(CallSettings.forTests().withMaxCallDuration(Duration.ofMinutes(10)));
    }

    @Test
    void aFullInstanceRefusesTheNextCallWith503AndCause34AndNoRetryAfter() {
        Fixtures instance = Fixtures.newInstance(connect, "full");
        String number = Calls.claimNumber(connect, instance.instanceId);
        simulate(instance, number, 10);
        Calls calls = calls();

        try (RawSip sip = new RawSip(server.sipPort())) {
            String callId = UUID.randomUUID().toString();
            sip.send(sip.invite(number, callId));
            List<String> responses = sip.untilFinal(callId);
            String refusal = responses.get(responses.size() - 1);

            assertThat(responses).extracting(RawSip::status).as("no early media while --reorder-tone is off").doesNotContain(183);
            assertThat(refusal).startsWith("SIP/2.0 503 Service Unavailable\r\n");
            assertThat(RawSip.header(refusal, "Reason")).isEqualTo("Q.850;cause=34;text=\"No circuit/channel available\"");
            assertThat(RawSip.header(refusal, "Retry-After")).isNull();
        }
        assertThatThrownBy(() -> calls.place(instance.instanceId, number, 600))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, failure -> {
                    assertThat(failure.status()).isEqualTo(429);
                    assertThat(failure.code()).isEqualTo("LimitExceededException");
                    assertThat(failure.getMessage()).contains("Concurrent active calls per instance (L-12AB7C57) is 10", "usage is 10");
                });
        String metrics = server.operator().metrics();
        assertThat(metrics).contains("callgate_concurrent_calls{instance=\"" + instance.instanceId + "\"} 10.0",
                "callgate_concurrent_calls_percentage{instance=\"" + instance.instanceId + "\"} 100.0",
                "callgate_calls_breaching_quota_total{instance=\"" + instance.instanceId + "\"} 2.0");
    }

    @Test
    void anAdmittedCallHoldsItsSlotUntilTheCallerHangsUp() {
        Fixtures instance = Fixtures.newInstance(connect, "answered");
        String number = Calls.claimNumber(connect, instance.instanceId);
        try (RawSip sip = new RawSip(server.sipPort())) {
            String callId = UUID.randomUUID().toString();
            sip.send(sip.invite(number.substring(1), callId)); // the user part without '+' is the same number
            List<String> responses = sip.untilFinal(callId);
            String ok = responses.get(responses.size() - 1);

            assertThat(responses).extracting(RawSip::status).containsSubsequence(180, 200);
            assertThat(RawSip.header(ok, "Content-Type")).isEqualTo("application/sdp");
            assertThat(ok).contains("m=audio ");
            sip.send(sip.inDialog("ACK", ok, callId, 1));
            assertThat(usage(instance)).isEqualTo(1);
            String contactId = calls().live(instance.instanceId).path("calls").get(0).path("contactId").asText();

            sip.send(sip.inDialog("BYE", ok, callId, 2));
            assertThat(RawSip.status(sip.receive())).isEqualTo(200);
            assertThat(awaitUsage(instance, 0)).isZero();
            Contact contact = connect.describeContact(r -> r.instanceId(instance.instanceId).contactId(contactId)).contact();
            assertThat(contact.initiationMethod()).isEqualTo(ContactInitiationMethod.INBOUND);
            assertThat(contact.channel()).isEqualTo(Channel.VOICE);
            assertThat(contact.disconnectReason()).isEqualTo("CUSTOMER_DISCONNECT");
            assertThat(contact.disconnectTimestamp()).isNotNull();
            assertThat(contact.systemEndpoint().address()).isEqualTo(number);
        }
    }

    @Test
    void aCallCancelledBeforeTheAnswerGivesItsSlotBack() {
        Fixtures instance = Fixtures.newInstance(connect, "cancel");
        String number = Calls.claimNumber(connect, instance.instanceId);
        try (RawSip sip = new RawSip(server.sipPort())) {
            String callId = UUID.randomUUID().toString();
            String invite = sip.invite(number, callId);
            sip.send(invite);
            assertThat(RawSip.status(sip.receive())).isEqualTo(100); // a UAC cancels only after a provisional response
            sip.send(RawSip.cancel(invite));
            String answer = inviteFinal(sip, callId);
            // The INVITE gets 487, unless admission answered it first: then the call is up and the caller hangs up.
            if (RawSip.status(answer) == 200) {
                sip.send(sip.inDialog("ACK", answer, callId, 1));
                sip.send(sip.inDialog("BYE", answer, callId, 2));
            } else {
                assertThat(RawSip.status(answer)).isEqualTo(487);
            }
            assertThat(awaitUsage(instance, 0)).isZero();
            assertThat(calls().live(instance.instanceId).path("concurrentCalls").asInt()).isZero();
        }
    }

    @Test
    void unclaimedNumbersAre404AndMalformedRequestsAre400WithoutDisturbingOtherCalls() {
        Fixtures instance = Fixtures.newInstance(connect, "other");
        String number = Calls.claimNumber(connect, instance.instanceId);
        try (RawSip sip = new RawSip(server.sipPort())) {
            assertThat(RawSip.status(call(sip, "+12065550199"))).isEqualTo(404);

            String broken = sip.invite(number, UUID.randomUUID().toString()).replace("CSeq: 1 INVITE", "CSeq: one INVITE");
            sip.send(broken);
            assertThat(RawSip.status(sip.receive())).isEqualTo(400);

            assertThat(RawSip.status(call(sip, number))).isEqualTo(200);
        }
    }

    @Test
    void aTcpCallerWhoseConnectionDropsBeforeItsAckGivesItsSlotBackAtOnce() {
        Fixtures instance = Fixtures.newInstance(connect, "tcpdrop");
        String number = Calls.claimNumber(connect, instance.instanceId);
        Set<String> simulated = simulate(instance, number, 9);
        String contactId;
        try (RawSip tcp = RawSip.overTcp(server.sipPort()); RawSip udp = new RawSip(server.sipPort())) {
            assertThat(RawSip.status(call(tcp, number))).as("answered, never acknowledged").isEqualTo(200);
            contactId = liveContacts(instance).stream().filter(id -> !simulated.contains(id)).findFirst().orElseThrow();
            assertThat(usage(instance)).isEqualTo(10);
            assertThat(RawSip.status(call(udp, number))).as("the TCP call holds the last slot").isEqualTo(503);

            tcp.reset();

            // The clock stands still, so no timer can end the call: only its lost connection does, and only once.
            assertThat(awaitUsage(instance, 9)).isEqualTo(9);
            assertThat(liveContacts(instance)).containsExactlyInAnyOrderElementsOf(simulated);
            assertThat(describe(instance, contactId).disconnectReason()).isEqualTo("TELECOM_PROBLEM");
            assertThat(RawSip.status(call(udp, number))).as("the freed slot takes the next call").isEqualTo(200);
            assertThat(usage(instance)).isEqualTo(10);
        }
    }

    @Test
    void aConfirmedTcpCallOutlivesItsConnectionAndEndsOnceByAByeOnANewOne() {
        Fixtures instance = Fixtures.newInstance(connect, "tcpkeep");
        String number = Calls.claimNumber(connect, instance.instanceId);
        Set<String> before = simulate(instance, number, 8);
        try (RawSip tcp = RawSip.overTcp(server.sipPort()); RawSip udp = new RawSip(server.sipPort())) {
            String confirmedId = UUID.randomUUID().toString();
            tcp.send(tcp.invite(number, confirmedId));
            String ok = last(tcp.untilFinal(confirmedId));
            tcp.send(tcp.inDialog("ACK", ok, confirmedId, 1));
            String confirmed = awaitNewContact(instance, before);
            assertThat(RawSip.status(call(tcp, number))).as("a second call on the connection, never acknowledged").isEqualTo(200);
            String unconfirmed = awaitNewContact(instance, before);
            assertThat(usage(instance)).isEqualTo(10);

            tcp.reset();

            // The unacknowledged call ends with the connection (which shows its loss was handled); the confirmed one goes on.
            assertThat(awaitUsage(instance, 9)).isEqualTo(9);
            assertThat(describe(instance, unconfirmed).disconnectReason()).isEqualTo("TELECOM_PROBLEM");
            assertThat(liveContacts(instance)).contains(confirmed).doesNotContain(unconfirmed).hasSize(9);
            String filler = UUID.randomUUID().toString();
            udp.send(udp.invite(number, filler));
            String fillerOk = last(udp.untilFinal(filler));
            assertThat(RawSip.status(fillerOk)).as("the one slot freed").isEqualTo(200);
            udp.send(udp.inDialog("ACK", fillerOk, filler, 1));
            assertThat(RawSip.status(call(udp, number))).as("the confirmed call still holds its slot").isEqualTo(503);

            try (RawSip again = RawSip.overTcp(server.sipPort())) {
                again.send(again.inDialog("BYE", ok, confirmedId, 2));
                assertThat(RawSip.status(last(again.untilFinal(confirmedId)))).isEqualTo(200);
                assertThat(awaitUsage(instance, 9)).isEqualTo(9);
                assertThat(describe(instance, confirmed).disconnectReason()).isEqualTo("CUSTOMER_DISCONNECT");
            }
            assertThat(liveContacts(instance)).doesNotContain(confirmed).hasSize(9);
            // Its slot came back once: it takes one call, and the instance is full again.
            assertThat(RawSip.status(call(udp, number))).isEqualTo(200);
            assertThat(RawSip.status(call(udp, number))).isEqualTo(503);
            assertThat(usage(instance)).isEqualTo(10);
        }
    }

    @Test
    void aByeForACallThatHasEndedOrNeverWasGets481OverUdpAndTcpAndChangesNothing() {
        Fixtures instance = Fixtures.newInstance(connect, "straybye");
        String number = Calls.claimNumber(connect, instance.instanceId);
        Set<String> known = simulate(instance, number, 9);
        try (RawSip udp = new RawSip(server.sipPort()); RawSip tcp = RawSip.overTcp(server.sipPort())) {
            for (RawSip sip : List.of(udp, tcp)) {
                String callId = UUID.randomUUID().toString();
                sip.send(sip.invite(number, callId));
                String ok = last(sip.untilFinal(callId));
                sip.send(sip.inDialog("ACK", ok, callId, 1));
                String contactId = awaitNewContact(instance, known);
                sip.send(sip.inDialog("BYE", ok, callId, 2));
                assertThat(RawSip.status(last(sip.untilFinal(callId)))).isEqualTo(200);
                assertThat(awaitUsage(instance, 9)).isEqualTo(9);
                List<String> metrics = instanceMetrics(instance);

                sip.send(sip.inDialog("BYE", ok, callId, 3));
                assertThat(last(sip.untilFinal(callId))).as("the second BYE").startsWith("SIP/2.0 481 ");
                sip.send(sip.inDialog("INVITE", ok, callId, 4));
                assertThat(last(sip.untilFinal(callId))).as("a re-INVITE of the ended call, never a new call").startsWith("SIP/2.0 481 ");
                String madeUp = UUID.randomUUID().toString();
                sip.send(strayBye(sip, number, madeUp));
                assertThat(last(sip.untilFinal(madeUp))).as("a BYE for a dialog that never was").startsWith("SIP/2.0 481 ");

                assertThat(usage(instance)).isEqualTo(9);
                assertThat(instanceMetrics(instance)).isEqualTo(metrics);
                assertThat(describe(instance, contactId).disconnectReason()).isEqualTo("CUSTOMER_DISCONNECT");
            }
            // The two calls' slots came back once each: one more call fills the instance, the next is refused.
            assertThat(RawSip.status(call(udp, number))).isEqualTo(200);
            assertThat(RawSip.status(call(udp, number))).isEqualTo(503);
        }
    }

    @Test
    void aCallNeverAcknowledgedEndsAfter64TimesT1() {
        Fixtures instance = Fixtures.newInstance(connect, "noack");
        String number = Calls.claimNumber(connect, instance.instanceId);
        try (RawSip sip = new RawSip(server.sipPort())) {
            assertThat(RawSip.status(call(sip, number))).isEqualTo(200);
            String contactId = calls().live(instance.instanceId).path("calls").get(0).path("contactId").asText();

            server.operator().advanceClock(31_000);
            assertThat(calls().live(instance.instanceId).path("concurrentCalls").asInt()).isEqualTo(1);
            server.operator().advanceClock(1_000);
            assertThat(calls().live(instance.instanceId).path("concurrentCalls").asInt()).isZero();
            assertThat(usage(instance)).isZero();
            assertThat(describe(instance, contactId).disconnectReason()).isEqualTo("TELECOM_PROBLEM");
        }
    }

    @Test
    void aSessionTimerThatIsNotRefreshedEndsTheCall() {
        Fixtures instance = Fixtures.newInstance(connect, "timer");
        String number = Calls.claimNumber(connect, instance.instanceId);
        try (RawSip sip = new RawSip(server.sipPort())) {
            String tooSmall = call(sip, number, "Session-Expires: 30", "Supported: timer");
            assertThat(RawSip.status(tooSmall)).isEqualTo(422);
            assertThat(RawSip.header(tooSmall, "Min-SE")).isEqualTo("90");

            String callId = UUID.randomUUID().toString();
            sip.send(sip.invite(number, callId, "Session-Expires: 120", "Supported: timer"));
            String ok = last(sip.untilFinal(callId));
            assertThat(RawSip.header(ok, "Session-Expires")).as(ok).isEqualTo("120;refresher=uac");
            sip.send(sip.inDialog("ACK", ok, callId, 1));
            String contactId = calls().live(instance.instanceId).path("calls").get(0).path("contactId").asText();

            // The side that does not refresh ends the call at 120 s less min(32 s, 40 s): 88 s.
            server.operator().advanceClock(87_000);
            assertThat(usage(instance)).isEqualTo(1);
            assertThat(calls().live(instance.instanceId).path("concurrentCalls").asInt()).isEqualTo(1);
            server.operator().advanceClock(1_000);
            assertThat(calls().live(instance.instanceId).path("concurrentCalls").asInt()).isZero();
            assertThat(describe(instance, contactId).disconnectReason()).isEqualTo("EXPIRED");
            assertThat(sip.nextRequest()).startsWith("BYE sip:"); // Callgate hung up
        }
    }

    @Test
    void simulatedCallsCountLikeSipCallsAndEndOnTimeOnStopOrAtTheMaxDuration() {
        Fixtures instance = Fixtures.newInstance(connect, "simulated");
        String number = Calls.claimNumber(connect, instance.instanceId);
        Calls calls = calls();
        String shortCall = calls.place(instance.instanceId, number, 60).path("contactId").asText();
        String longCall = calls.place(instance.instanceId, null, 3 * 3600).path("contactId").asText();
        String stopped = calls.place(instance.instanceId, number, 600).path("contactId").asText();
        assertThat(usage(instance)).isEqualTo(3);
        assertThat(calls.live(instance.instanceId).path("calls")).extracting(call -> call.path("contactId").asText())
                .containsExactlyInAnyOrder(shortCall, longCall, stopped);

        connect.stopContact(r -> r.instanceId(instance.instanceId).contactId(stopped));
        assertThat(describe(instance, stopped).disconnectReason()).isEqualTo("API");
        assertThatThrownBy(() -> connect.stopContact(r -> r.instanceId(instance.instanceId).contactId(stopped)))
                .isInstanceOf(ContactNotFoundException.class);

        server.operator().advanceClock(60_000);
        assertThat(calls.live(instance.instanceId).path("concurrentCalls").asInt()).isEqualTo(1);
        assertThat(describe(instance, shortCall).disconnectReason()).isEqualTo("CUSTOMER_DISCONNECT");

        server.operator().advanceClock(9 * 60_000);
        assertThat(calls.live(instance.instanceId).path("concurrentCalls").asInt()).isZero();
        assertThat(describe(instance, longCall).disconnectReason()).isEqualTo("EXPIRED");
        assertThat(usage(instance)).isZero();
    }

    @Test
    void deletingAnInstanceEndsItsCallsAndFreesItsNumber() {
        Fixtures doomed = Fixtures.newInstance(connect, "doomed");
        String number = Calls.claimNumber(connect, doomed.instanceId);
        String contactId = calls().place(doomed.instanceId, number, 600).path("contactId").asText();

        connect.deleteInstance(r -> r.instanceId(doomed.instanceId));

        // No call to hang up: the contact's instance is gone with it.
        HttpResponse<String> hangUp = server.operator().send("DELETE", "/_callgate/calls/" + contactId, null);
        assertThat(hangUp.statusCode()).isEqualTo(404);
        assertThat(hangUp.body()).contains("ResourceNotFoundException", doomed.instanceId);
        HttpResponse<String> calls = server.operator().send("GET", "/_callgate/calls", null);
        assertThat(calls.statusCode()).isEqualTo(200);
        assertThat(calls.body()).doesNotContain(contactId).doesNotContain(doomed.instanceId);
        // Its number went with it: a call to it finds no instance.
        try (RawSip sip = new RawSip(server.sipPort())) {
            assertThat(RawSip.status(call(sip, number))).isEqualTo(404);
        }
    }

    @Test
    void theOperatorHangsUpASimulatedCall() {
        Fixtures instance = Fixtures.newInstance(connect, "hangup");
        Calls calls = calls();
        String contactId = calls.place(instance.instanceId, null, 600).path("contactId").asText();

        calls.hangUp(instance.instanceId, contactId);

        assertThat(usage(instance)).isZero();
        assertThatThrownBy(() -> calls.hangUp(instance.instanceId, contactId))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, failure -> assertThat(failure.status()).isEqualTo(410));
        assertThatThrownBy(() -> calls.place(instance.instanceId, "+12065550100", 60))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, failure -> assertThat(failure.status()).isEqualTo(400));
    }

    private Calls calls() {
        return new Calls(server.port(), ACCOUNT);
    }

    private long usage(Fixtures instance) {
        return server.operator().usage("instances/" + instance.instanceId + "/quotas", CONCURRENT_CALLS);
    }

    /** Places {@code count} simulated calls of 10 minutes to the number; returns their contact ids. */
    private Set<String> simulate(Fixtures instance, String number, int count) {
        Calls calls = calls();
        Set<String> contactIds = new HashSet<>();
        for (int i = 0; i < count; i++) {
            contactIds.add(calls.place(instance.instanceId, number, 600).path("contactId").asText());
        }
        return contactIds;
    }

    private long awaitUsage(Fixtures instance, long expected) {
        return server.operator().awaitUsage("instances/" + instance.instanceId + "/quotas", CONCURRENT_CALLS, expected);
    }

    /** The one live contact of the instance that is not in {@code known}, which it joins. */
    private String awaitNewContact(Fixtures instance, Set<String> known) {
        String contactId = liveContacts(instance).stream().filter(id -> !known.contains(id)).findFirst().orElseThrow();
        known.add(contactId);
        return contactId;
    }

    private List<String> liveContacts(Fixtures instance) {
        List<String> contactIds = new ArrayList<>();
        calls().live(instance.instanceId).path("calls").forEach(call -> contactIds.add(call.path("contactId").asText()));
        return contactIds;
    }

    private Contact describe(Fixtures instance, String contactId) {
        return connect.describeContact(r -> r.instanceId(instance.instanceId).contactId(contactId)).contact();
    }

    /** Sends an INVITE on a new Call-ID and returns its final response. */
    private static String call(RawSip sip, String user, String... headers) {
        String callId = UUID.randomUUID().toString();
        sip.send(sip.invite(user, callId, headers));
        return last(sip.untilFinal(callId));
    }

    private static String last(List<String> responses) {
        return responses.get(responses.size() - 1);
    }

    /** The final response to the call's INVITE (the CANCEL's own 200 is skipped). */
    private static String inviteFinal(RawSip sip, String callId) {
        while (true) {
            String response = last(sip.untilFinal(callId));
            if (RawSip.header(response, "CSeq").endsWith("INVITE")) {
                return response;
            }
        }
    }

    /** The instance's lines of the metrics page: its calls, their percentage of the limit, the breaches. */
    private List<String> instanceMetrics(Fixtures instance) {
        return server.operator().metrics().lines().filter(line -> line.contains(instance.instanceId)).toList();
    }

    /** A BYE in a dialog Callgate never had: made-up Call-ID and tags. */
    private static String strayBye(RawSip caller, String number, String callId) {
        return "BYE sip:" + number + "@127.0.0.1 SIP/2.0\r\n"
                + "Via: " + caller.via() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=" + UUID.randomUUID() + "\r\n"
                + "To: <sip:" + number + "@127.0.0.1>;tag=" + UUID.randomUUID() + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 7 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

}
