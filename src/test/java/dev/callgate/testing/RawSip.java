package dev.callgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A bare UDP SIP caller: sends hand-written requests and collects the responses as text, to assert exact headers. */
public final class RawSip implements AutoCloseable {
    private final DatagramSocket socket;
    private final int serverPort;

    public RawSip(int serverPort) {
        this.serverPort = serverPort;
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(10_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An INVITE to {@code user} with an SDP offer (PCMU on 127.0.0.1:6000) and optional extra header lines. */
    public String invite(String user, String callId, String... extraHeaders) {
        return inviteWithMedia(user, callId, "m=audio 6000 RTP/AVP 0", extraHeaders);
    }

    /** An INVITE to {@code user} whose SDP offer has the given media line, on 127.0.0.1. */
    public String inviteWithMedia(String user, String callId, String mediaLine, String... extraHeaders) {
        String sdp = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + mediaLine + "\r\n";
        return "INVITE sip:" + user + "@127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1:" + socket.getLocalPort() + ">;tag=raw1\r\n"
                + "To: <sip:" + user + "@127.0.0.1:" + serverPort + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + socket.getLocalPort() + ">\r\n"
                + String.join("", extraHeaders.length == 0 ? List.of() : List.of(String.join("\r\n", extraHeaders) + "\r\n"))
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    public void send(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Responses of the call until its first final one (status >= 200), in order; other calls' messages are skipped. */
    public List<String> untilFinal(String callId) {
        List<String> responses = new ArrayList<>();
        while (true) {
            String response = receive();
            if (!response.startsWith("SIP/2.0 ") || !callId.equals(header(response, "Call-ID"))) {
                continue;
            }
            responses.add(response);
            if (status(response) >= 200) {
                return responses;
            }
        }
    }

    public String receive() {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No SIP response within 10 s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** The next request Callgate sends (responses retransmitted meanwhile are skipped). */
    public String nextRequest() {
        for (int i = 0; i < 20; i++) {
            String message = receive();
            if (!message.startsWith("SIP/2.0 ")) {
                return message;
            }
        }
        throw new AssertionError("Callgate sent no request");
    }

    /** The CANCEL of an INVITE: its Request-URI, Via (branch included), From, To, Call-ID and CSeq number. */
    public static String cancel(String invite) {
        String requestUri = invite.substring("INVITE ".length(), invite.indexOf(" SIP/2.0"));
        return "CANCEL " + requestUri + " SIP/2.0\r\n"
                + "Via: " + RawSip.header(invite, "Via") + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + RawSip.header(invite, "From") + "\r\n"
                + "To: " + RawSip.header(invite, "To") + "\r\n"
                + "Call-ID: " + RawSip.header(invite, "Call-ID") + "\r\n"
                + "CSeq: 1 CANCEL\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    public static int status(String response) {
        return Integer.parseInt(response.substring("SIP/2.0 ".length(), "SIP/2.0 ".length() + 3));
    }

    /** The value of a header (first occurrence), or null. */
    public static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
