package dev.callgate.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A bare SIP caller, over UDP or over one TCP connection: sends hand-written requests and collects the responses
 * as text, to assert exact headers.
 */
public final class RawSip implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int END_OF_HEAD = '\r' << 24 | '\n' << 16 | '\r' << 8 | '\n';
    private final DatagramSocket socket;
    /** The connection of a caller over TCP, and its input, buffered; null over UDP. */
    private final Socket connection;
    private final InputStream input;
    private final int serverPort;

    public RawSip(int serverPort) {
        this.serverPort = serverPort;
        this.connection = null;
        this.input = null;
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RawSip(int serverPort, Socket connection) throws IOException {
        this.serverPort = serverPort;
        this.connection = connection;
        this.input = new BufferedInputStream(connection.getInputStream());
        this.socket = null;
    }

    /** A caller on a TCP connection of its own to the server's SIP port. */
    public static RawSip overTcp(int serverPort) {
        Socket connection = new Socket();
        try {
            connection.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), TIMEOUT_MILLIS);
            connection.setSoTimeout(TIMEOUT_MILLIS);
            return new RawSip(serverPort, connection);
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
                + "Via: " + via() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1:" + localPort() + ">;tag=raw1\r\n"
                + "To: <sip:" + user + "@127.0.0.1:" + serverPort + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + localPort() + (connection == null ? "" : ";transport=tcp") + ">\r\n"
                + String.join("", extraHeaders.length == 0 ? List.of() : List.of(String.join("\r\n", extraHeaders) + "\r\n"))
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** The Via of a new request from this caller: its transport, address and port, and a new branch. */
    public String via() {
        return "SIP/2.0/" + (connection == null ? "UDP" : "TCP") + " 127.0.0.1:" + localPort() + ";branch=z9hG4bK" + UUID.randomUUID();
    }

    private int localPort() {
        return connection == null ? socket.getLocalPort() : connection.getLocalPort();
    }

    public void send(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            if (connection == null) {
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
            } else {
                connection.getOutputStream().write(bytes);
                connection.getOutputStream().flush();
            }
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

    /**
     * Reads responses into {@code finals} until {@code calls} Call-IDs have a final one: each call's distinct final
     * responses, a retransmission of one (the same status line) kept once.
     */
    public void collectFinals(Map<String, Set<String>> finals, int calls) {
        while (finals.size() < calls) {
            String response = receive();
            if (response.startsWith("SIP/2.0 ") && status(response) >= 200) {
                String statusLine = response.substring(0, response.indexOf("\r\n"));
                Set<String> answers = finals.computeIfAbsent(header(response, "Call-ID"), id -> new LinkedHashSet<>());
                if (answers.stream().noneMatch(answer -> answer.startsWith(statusLine))) {
                    answers.add(response);
                }
            }
        }
    }

    public String receive() {
        try {
            return connection == null ? receiveDatagram() : receiveFromStream(input);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No SIP response within 10 s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String receiveDatagram() throws IOException {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** One message off the connection: its start line and headers up to the blank line, then Content-Length bytes of body. */
    private static String receiveFromStream(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0; // the head's last four bytes: CR LF CR LF ends it
        while (lastFour != END_OF_HEAD) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("Callgate closed the connection");
            }
            if (head.size() > 0 || (next != '\r' && next != '\n')) { // CRLFs between messages are keep-alives
                head.write(next);
                lastFour = lastFour << 8 | next;
            }
        }
        String message = head.toString(StandardCharsets.UTF_8);
        String length = header(message, "Content-Length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return message + new String(body, StandardCharsets.UTF_8);
    }

    /** Closes a TCP caller's connection abruptly (a reset, as when its host or process dies), without a BYE. */
    public void reset() {
        try {
            connection.setSoLinger(true, 0);
            connection.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** A request from this caller in the dialog that {@code ok} (the 200 to its INVITE) established, on {@code callId}. */
    public String inDialog(String method, String ok, String callId, int cseq) {
        String contact = header(ok, "Contact");
        String target = contact.substring(contact.indexOf('<') + 1, contact.indexOf('>'));
        return method + " " + target + " SIP/2.0\r\n"
                + "Via: " + via() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + header(ok, "From") + "\r\n"
                + "To: " + header(ok, "To") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The ACK of a final refusal of {@code invite}: in its transaction (its Via), with the response's To. */
    public static String ackOfRefusal(String invite, String refusal) {
        return inTransaction("ACK", invite, header(refusal, "To"), 7);
    }

    /** The CANCEL of an INVITE: its Request-URI, Via (branch included), From, To, Call-ID and CSeq number. */
    public static String cancel(String invite) {
        return inTransaction("CANCEL", invite, header(invite, "To"), 1);
    }

    /** A {@code method} request in {@code invite}'s transaction: its Request-URI, Via (branch included), From and Call-ID. */
    private static String inTransaction(String method, String invite, String to, int cseq) {
        String requestUri = invite.substring("INVITE ".length(), invite.indexOf(" SIP/2.0"));
        return method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: " + header(invite, "Via") + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + header(invite, "From") + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + header(invite, "Call-ID") + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
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
        try {
            if (connection == null) {
                socket.close();
            } else {
                connection.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
