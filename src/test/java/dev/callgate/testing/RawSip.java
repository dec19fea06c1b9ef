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

    /** An INVITE to {@code user} with an SDP offer and optional extra header lines. */
    public String invite(String user, String callId, String... extraHeaders) {
        String sdp = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";
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
