package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.CallSettings;
import dev.callgate.config.Settings;
import dev.callgate.testing.Calls;
import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.Sipp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.Contact;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;
import software.amazon.awssdk.services.connect.model.DestinationNotAllowedException;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.LimitExceededException;
import software.amazon.awssdk.services.connect.model.OutboundContactNotPermittedException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;

/**
 * StartOutboundVoiceContact (limits.md §5) against a sipp UAS playing the SIP trunk: allowed
 * destinations reach it, refused ones never do; outbound calls count toward the concurrent calls
 * quota (10 in the 2017-03-28 edition used here).
 */
class OutboundCallTest extends ServerSuite {
    private static final List<String> ALLOWED = List.of("+12015550123", "+15062345678", "+442079460123");
    private static final List<String> REFUSED = List.of("+18765230123", "+18092345678", "+17872345678", "+447400123456",
            "+99912345");
    /** Not E.164 at all: the model's pattern for DestinationPhoneNumber refuses them before the dialing policy. */
    private static final List<String> NOT_E164 = List.of("call-me", "12015550123");
    private final int trunkPort = ChildServer.freePort();

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withEdition("2017-03-28").withCalls(CallSettings.forTests().withSipTrunk("127.0.0.1:" + trunkPort));
    }

    @Test
    void allowedDestinationsReachTheTrunkAndRefusedOnesNeverDo() throws Exception {
        Fixtures instance = Fixtures.newInstance(connect, "dialer");
        String flow = instance.flow("Outbound");
        Path dir = Files.createTempDirectory("sipp-trunk");
        Process trunk = Sipp.start(dir, List.of("-sn", "uas", "-i", "127.0.0.1", "-p", String.valueOf(trunkPort),
                "-m", String.valueOf(ALLOWED.size()), "-nostdin", "-trace_shortmsg", "-timeout", "60s"));
        try {
            awaitListening(trunkPort);
            for (String destination : REFUSED) {
                assertThatThrownBy(() -> start(instance, flow, destination)).as(destination)
                        .isInstanceOfSatisfying(DestinationNotAllowedException.class,
                                e -> assertThat(e.statusCode()).isEqualTo(403));
            }
            for (String destination : NOT_E164) {
                assertThatThrownBy(() -> start(instance, flow, destination)).as(destination)
                        .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            }
            List<String> contacts = new ArrayList<>();
            for (String destination : ALLOWED) {
                contacts.add(start(instance, flow, destination));
            }
            for (String contactId : contacts) {
                awaitConnected(instance, contactId);
                connect.stopContact(r -> r.instanceId(instance.instanceId).contactId(contactId));
            }

            assertThat(trunk.waitFor(30, TimeUnit.SECONDS)).as("the trunk saw its calls end").isTrue();
            assertThat(invitedNumbers(dir)).containsExactlyInAnyOrderElementsOf(ALLOWED);
            assertThat(server.operator().awaitUsage("instances/" + instance.instanceId + "/quotas", "CONCURRENT_CALLS", 0)).isZero();
            Contact contact = connect.describeContact(r -> r.instanceId(instance.instanceId).contactId(contacts.get(0))).contact();
            assertThat(contact.initiationMethod()).isEqualTo(ContactInitiationMethod.OUTBOUND);
            assertThat(contact.customerEndpoint().address()).isEqualTo(ALLOWED.get(0));
            assertThat(contact.disconnectReason()).isEqualTo("API");
        } finally {
            trunk.destroyForcibly();
        }
    }

    @Test
    void outboundCallingOffMissingFlowsAndAFullInstanceAreRefusedInThatOrder() {
        String off = connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML).instanceAlias("no-outbound")
                .inboundCallsEnabled(true).outboundCallsEnabled(false)).id();
        Fixtures offInstance = new Fixtures(connect, off);
        String offFlow = offInstance.flow("Outbound");
        assertThatThrownBy(() -> start(offInstance, offFlow, "+18765230123"))
                .isInstanceOfSatisfying(OutboundContactNotPermittedException.class, e -> assertThat(e.statusCode()).isEqualTo(403));

        Fixtures instance = Fixtures.newInstance(connect, "full-dialer");
        String flow = instance.flow("Outbound");
        assertThatThrownBy(() -> start(instance, "00000000-0000-0000-0000-000000000000", ALLOWED.get(0)))
                .isInstanceOf(ResourceNotFoundException.class);
        Calls calls = new Calls(server.port(), ACCOUNT);
        for (int i = 0; i < 10; i++) {
            calls.place(instance.instanceId, null, 600);
        }
        assertThatThrownBy(() -> start(instance, flow, "+18765230123")).isInstanceOf(DestinationNotAllowedException.class);
        assertThatThrownBy(() -> start(instance, flow, ALLOWED.get(0)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("Concurrent active calls per instance (L-12AB7C57) is 10", "usage is 10");
                });
    }

    private String start(Fixtures instance, String flow, String destination) {
        return connect.startOutboundVoiceContact(r -> r.instanceId(instance.instanceId).contactFlowId(flow)
                .destinationPhoneNumber(destination)).contactId();
    }

    /** The trunk answers within seconds; until then the contact has no ConnectedToSystemTimestamp. */
    private void awaitConnected(Fixtures instance, String contactId) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (connect.describeContact(r -> r.instanceId(instance.instanceId).contactId(contactId)).contact()
                    .connectedToSystemTimestamp() != null) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Contact " + contactId + " never connected");
    }

    /** sipp is listening once the kernel lists its UDP socket (probing by binding the port would steal it). */
    private static void awaitListening(int port) throws IOException, InterruptedException {
        String local = String.format(":%04X ", port);
        for (int i = 0; i < 500; i++) {
            if (Files.readAllLines(Path.of("/proc/net/udp")).stream().anyMatch(line -> line.contains(local))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sipp never listened on " + port);
    }

    /** The numbers of the INVITEs the trunk received (the user part of each Request-URI). */
    private static List<String> invitedNumbers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path log = files.filter(f -> f.getFileName().toString().endsWith("_shortmessages.log")).findFirst().orElseThrow();
            return Files.readAllLines(log).stream().filter(line -> line.contains("INVITE sip:"))
                    .map(line -> line.substring(line.indexOf("INVITE sip:") + "INVITE sip:".length(), line.indexOf('@', line.indexOf("INVITE sip:"))))
                    .toList();
        }
    }
}
