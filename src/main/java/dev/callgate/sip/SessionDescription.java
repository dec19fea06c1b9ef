package dev.callgate.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDP Callgate sends (RFC 4566): one audio stream on G.711. Answered calls get no media: their
 * stream is described and never sent. The only media Callgate sends is the reorder tone, to a refused
 * caller, described in a 183 as PCMU.
 */
final class SessionDescription {
    private static final Pattern AUDIO = Pattern.compile("(?m)^m=audio (\\d{1,5}) RTP/AVP ([0-9 ]+)\\s*$");
    private static final Pattern CONNECTION = Pattern.compile("(?m)^c=IN IP4 (\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\s*$");

    private SessionDescription() {
    }

    /** An offer for an outbound call: PCMU. */
    static String offer(String host, int mediaPort) {
        return describe(host, mediaPort, "0");
    }

    /** An answer to {@code offer}: its first audio payload type, or PCMU when it has none we can read. */
    static String answer(String offer, String host, int mediaPort) {
        Matcher audio = AUDIO.matcher(offer == null ? "" : offer);
        String payload = audio.find() ? audio.group(2).trim().split(" ")[0] : "0";
        return describe(host, mediaPort, payload);
    }

    /** The 183's description of the reorder tone: PCMU, sent only. */
    static String earlyMedia(String host, int mediaPort) {
        return describe(host, mediaPort, "0", "sendonly");
    }

    /**
     * Where the offer wants its PCMU audio: the IPv4 address of its first c= line and the port of its
     * first audio stream; null when it offers no PCMU there, or says neither.
     */
    static InetSocketAddress pcmuTarget(String offer) {
        Matcher audio = AUDIO.matcher(offer == null ? "" : offer);
        Matcher connection = CONNECTION.matcher(offer == null ? "" : offer);
        if (!audio.find() || !connection.find() || !List.of(audio.group(2).trim().split(" +")).contains("0")) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(connection.group(i + 1));
            if (octet > 255) {
                return null;
            }
            address[i] = (byte) octet;
        }
        int port = Integer.parseInt(audio.group(1));
        try {
            return port == 0 || port > 65535 ? null : new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException impossible) { // four bytes are always an address
            throw new IllegalStateException(impossible);
        }
    }

    private static String describe(String host, int mediaPort, String payload) {
        return describe(host, mediaPort, payload, "sendrecv");
    }

    private static String describe(String host, int mediaPort, String payload, String direction) {
        long session = System.currentTimeMillis();
        String rtpmap = payload.equals("8") ? "a=rtpmap:8 PCMA/8000\r\n" : payload.equals("0") ? "a=rtpmap:0 PCMU/8000\r\n" : "";
        return "v=0\r\n"
                + "o=callgate " + session + " " + session + " IN IP4 " + host + "\r\n"
                + "s=callgate\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + mediaPort + " RTP/AVP " + payload + "\r\n"
                + rtpmap
                + "a=" + direction + "\r\n";
    }
}
