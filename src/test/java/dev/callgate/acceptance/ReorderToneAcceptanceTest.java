package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.callgate.config.CallSettings;
import dev.callgate.config.Settings;
import dev.callgate.testing.Calls;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.RawSip;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.ToneAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code --reorder-tone early-media}: a caller refused for want of a concurrent-call slot (limits.md §4)
 * gets a 183 and hears the North American reorder tone (480 + 620 Hz, 0.25 s on, 0.25 s off) as PCMU
 * RTP on the socket its SDP names, then the 503 with Q.850 cause 34. The RTP is decoded and listened to
 * by {@link ToneAnalysis}, the cadence read off the RTP timestamps and the energy of each 10 ms.
 */
class ReorderToneAcceptanceTest extends ServerSuite {
    private static final Pattern SDP_AUDIO = Pattern.compile("\r\nm=audio (\\d+) RTP/AVP 0\r\n");

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withEdition("2017-03-28").withClock(Settings.ClockMode.VIRTUAL)
                .withCalls(CallSettings.forTests().withReorderTone(CallSettings.parseReorderTone("early-media")));
    }

    @Test
    void aCallerRefusedForWantOfASlotHearsTheReorderToneThenThe503() {
        Fixtures instance = Fixtures.newInstance(connect, "reorder");
        String number = fill(instance);

        try (RawSip sip = new RawSip(server.sipPort()); DatagramSocket media = mediaSocket()) {
            String callId = UUID.randomUUID().toString();
            sip.send(sip.inviteWithMedia(number, callId, "m=audio " + media.getLocalPort() + " RTP/AVP 0 8 101"));
            List<String> responses = sip.untilFinal(callId);

            assertThat(responses).extracting(RawSip::status).containsSubsequence(183, 503);
            assertThat(responses).anyMatch(r -> r.startsWith("SIP/2.0 183 Session Progress\r\n"));
            String progress = responses.stream().filter(r -> RawSip.status(r) == 183).findFirst().orElseThrow();
            assertThat(RawSip.header(progress, "Content-Type")).isEqualTo("application/sdp");
            assertThat(progress).contains("a=rtpmap:0 PCMU/8000\r\n");
            Matcher audio = SDP_AUDIO.matcher(progress);
            assertThat(audio.find()).as(progress).isTrue();
            String refusal = responses.get(responses.size() - 1);
            assertThat(refusal).startsWith("SIP/2.0 503 Service Unavailable\r\n");
            assertThat(RawSip.header(refusal, "Reason")).isEqualTo("Q.850;cause=34;text=\"No circuit/channel available\"");
            assertThat(RawSip.header(refusal, "Retry-After")).isNull();
            assertThat(RawSip.header(refusal, "To")).isEqualTo(RawSip.header(progress, "To"));

            List<Rtp> packets = drain(media);
            assertThat(packets).isNotEmpty().allSatisfy(p -> {
                assertThat(p.version()).isEqualTo(2);
                assertThat(p.payloadType()).isZero();
                assertThat(p.ssrc()).isEqualTo(packets.get(0).ssrc());
                assertThat(p.sourcePort()).isEqualTo(Integer.parseInt(audio.group(1)));
                assertThat(p.payload()).hasSize(160);
            });
            for (int i = 1; i < packets.size(); i++) {
                assertThat(packets.get(i).sequence()).isEqualTo((packets.get(i - 1).sequence() + 1) & 0xFFFF);
                long step = packets.get(i).since(packets.get(i - 1));
                assertThat(step % 160).isZero();
                assertThat(packets.get(i).marker()).as("marker on a talk-spurt's first packet only").isEqualTo(step > 160);
            }
            assertThat(packets.get(0).marker()).isTrue();

            double[] audioTimeline = timeline(packets);
            List<Integer> runs = ToneAnalysis.runs(audioTimeline);
            assertThat(runs).as("on, off, on (ms)").hasSize(3);
            assertThat(runs.get(0)).isCloseTo(250, within(10));
            assertThat(runs.get(1)).isCloseTo(250, within(10));
            assertThat(runs.get(2)).isCloseTo(250, within(10));
            for (double[] burst : ToneAnalysis.bursts(audioTimeline)) {
                double tone = Math.min(ToneAnalysis.power(burst, 480), ToneAnalysis.power(burst, 620));
                for (double other : new double[] {350, 400, 425, 440, 1000, 1400}) {
                    assertThat(tone).as("480 and 620 Hz against %s Hz", other).isGreaterThan(100 * ToneAnalysis.power(burst, other));
                }
            }
        }
        assertThat(calls().live(instance.instanceId).path("concurrentCalls").asInt()).as("the refused call took no slot").isEqualTo(10);
    }

    @Test
    void aCancelDuringTheToneStopsItAndIsAnsweredWith487() throws IOException {
        Fixtures instance = Fixtures.newInstance(connect, "cancelled");
        String number = fill(instance);

        try (RawSip sip = new RawSip(server.sipPort()); DatagramSocket media = mediaSocket()) {
            String callId = UUID.randomUUID().toString();
            String invite = sip.inviteWithMedia(number, callId, "m=audio " + media.getLocalPort() + " RTP/AVP 0");
            sip.send(invite);
            while (RawSip.status(sip.receive()) != 183) {
                // 100 Trying first
            }
            media.receive(new DatagramPacket(new byte[2048], 2048)); // the tone is playing
            sip.send(RawSip.cancel(invite));

            List<String> answers = new ArrayList<>(sip.untilFinal(callId));
            if (!RawSip.header(answers.get(answers.size() - 1), "CSeq").endsWith("INVITE")) {
                answers.addAll(sip.untilFinal(callId));
            }
            assertThat(answers).extracting(r -> RawSip.status(r) + " " + RawSip.header(r, "CSeq"))
                    .contains("200 1 CANCEL", "487 1 INVITE").doesNotContain("503 1 INVITE");
            // The tone stops: the socket goes quiet for longer than the whole tone lasts, short of its 26 packets.
            media.setSoTimeout(1_500);
            assertThat(1 + drain(media).size()).isLessThan(2 * 13);
            String options = "OPTIONS sip:" + number + "@127.0.0.1:" + server.sipPort() + " SIP/2.0\r\n"
                    + RawSip.header(invite, "Via").replaceAll("branch=[^;]+", "branch=z9hG4bK" + UUID.randomUUID())
                            .replaceFirst("^", "Via: ") + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:caller@127.0.0.1>;tag=o1\r\nTo: <sip:" + number + "@127.0.0.1>\r\n"
                    + "Call-ID: probe-" + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            sip.send(options);
            List<String> meanwhile = new ArrayList<>();
            for (String message = sip.receive(); !RawSip.header(message, "Call-ID").startsWith("probe-"); message = sip.receive()) {
                meanwhile.add(message);
            }
            assertThat(meanwhile).as("no 503 after the 487").noneMatch(m -> RawSip.status(m) == 503);
        }
        assertThat(calls().live(instance.instanceId).path("concurrentCalls").asInt()).isEqualTo(10);
    }

    @Test
    void anOfferWithoutPcmuIsRefusedAtOnceWithoutA183() {
        Fixtures instance = Fixtures.newInstance(connect, "alaw");
        String number = fill(instance);

        try (RawSip sip = new RawSip(server.sipPort())) {
            String callId = UUID.randomUUID().toString();
            sip.send(sip.inviteWithMedia(number, callId, "m=audio 6000 RTP/AVP 8"));
            List<String> responses = sip.untilFinal(callId);

            assertThat(responses).extracting(RawSip::status).doesNotContain(183).endsWith(503);
        }
    }

    /** Fills the instance's 10 slots with simulated calls; returns its number. */
    private String fill(Fixtures instance) {
        String number = Calls.claimNumber(connect, instance.instanceId);
        for (int i = 0; i < 10; i++) {
            calls().place(instance.instanceId, number, 600);
        }
        return number;
    }

    private Calls calls() {
        return new Calls(server.port(), ACCOUNT);
    }

    private static DatagramSocket mediaSocket() {
        try {
            DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(500);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The RTP packets waiting on the socket (the 503 comes after the last), until it stays quiet for its timeout. */
    private static List<Rtp> drain(DatagramSocket media) {
        List<Rtp> packets = new ArrayList<>();
        while (true) {
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            try {
                media.receive(packet);
            } catch (SocketTimeoutException quiet) {
                return packets;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            packets.add(Rtp.parse(packet));
        }
    }

    /** The decoded audio from the first packet's timestamp to the last's end, silence where no packet was sent. */
    private static double[] timeline(List<Rtp> packets) {
        Rtp first = packets.get(0);
        Rtp last = packets.get(packets.size() - 1);
        double[] samples = new double[(int) last.since(first) + 160];
        for (Rtp packet : packets) {
            double[] decoded = ToneAnalysis.decode(packet.payload());
            System.arraycopy(decoded, 0, samples, (int) packet.since(first), decoded.length);
        }
        return samples;
    }

    private record Rtp(int version, boolean marker, int payloadType, int sequence, long timestamp, int ssrc, byte[] payload, int sourcePort) {
        static Rtp parse(DatagramPacket packet) {
            ByteBuffer bytes = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
            int first = bytes.get() & 0xFF;
            int second = bytes.get() & 0xFF;
            int sequence = bytes.getShort() & 0xFFFF;
            long timestamp = bytes.getInt() & 0xFFFFFFFFL;
            int ssrc = bytes.getInt();
            byte[] payload = new byte[bytes.remaining()];
            bytes.get(payload);
            return new Rtp(first >> 6, (second & 0x80) != 0, second & 0x7F, sequence, timestamp, ssrc, payload, packet.getPort());
        }

        /** Samples from {@code earlier}'s timestamp to this one's (modulo 2^32). */
        long since(Rtp earlier) {
            return (timestamp - earlier.timestamp) & 0xFFFFFFFFL;
        }
    }
}
