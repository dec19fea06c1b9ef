package dev.callgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.RawSip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hand-off of INVITEs from the SIP stack's threads to admission is bounded: while every worker is held in
 * admission and the queue is full, the next INVITEs are refused at once with 503 and Q.850 cause 42 (never
 * queued, never lost), and once admission goes on every INVITE has had exactly one final answer. A real SIP
 * socket floods an endpoint whose queue holds 4; the router holds its decisions until the test lets them go.
 */
class SipEndpointFloodTest {
    private static final int QUEUE = 4;
    private static final int OVERFLOW = 6;

    @Test
    void invitesPastTheQueueAreRefusedAtOnceAndEveryInviteGetsOneFinalAnswer() throws Exception {
        HeldRouter router = new HeldRouter();
        try (SipEndpoint endpoint = SipEndpoint.listen("127.0.0.1", 0, QUEUE); RawSip caller = new RawSip(endpoint.port())) {
            endpoint.route(router);
            List<String> callIds = new ArrayList<>();
            for (int i = 0; i < SipEndpoint.OFFER_WORKERS + QUEUE + OVERFLOW; i++) {
                String callId = UUID.randomUUID().toString();
                callIds.add(callId);
                caller.send(caller.invite("+12065550100", callId));
            }
            Map<String, Set<String>> finals = new ConcurrentHashMap<>();

            // Every decision is held: the only final answers that can come are the refusals of the overflow.
            caller.collectFinals(finals, OVERFLOW);
            assertThat(finals.values()).allSatisfy(answers -> assertThat(answers).singleElement().satisfies(refusal -> {
                assertThat(refusal).startsWith("SIP/2.0 503 Service Unavailable\r\n");
                assertThat(RawSip.header(refusal, "Reason")).isEqualTo("Q.850;cause=42;text=\"Switching equipment congestion\"");
                assertThat(RawSip.header(refusal, "Retry-After")).isNull();
            }));
            assertThat(router.entered.tryAcquire(SipEndpoint.OFFER_WORKERS, 10, TimeUnit.SECONDS)).as("every worker in admission").isTrue();
            assertThat(router.congested).as("the router hears of each refusal, to count it").containsExactlyInAnyOrderElementsOf(finals.keySet());

            router.release.countDown();
            caller.collectFinals(finals, callIds.size());

            assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(callIds);
            assertThat(finals.values()).allSatisfy(answers -> assertThat(answers).as("one final answer per INVITE").hasSize(1));
            List<String> answered = callIds.stream().filter(id -> RawSip.status(finals.get(id).iterator().next()) == 200).toList();
            assertThat(answered).hasSize(SipEndpoint.OFFER_WORKERS + QUEUE).containsExactlyInAnyOrderElementsOf(router.admitted);
            assertThat(router.ended).isEmpty();
        }
    }
}
