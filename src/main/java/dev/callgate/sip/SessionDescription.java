package dev.callgate.sip;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDP Callgate sends (RFC 4566): one audio stream on G.711. Callgate accepts calls but plays no
 * media yet, so the stream is described and never sent.
 */
final class SessionDescription {
    private static final Pattern AUDIO = Pattern.compile("(?m)^m=audio \\d+ RTP/AVP ([0-9 ]+)\\s*$");

    private SessionDescription() {
    }

    /** An offer for an outbound call: PCMU. */
    static String offer(String host, int mediaPort) {
        return describe(host, mediaPort, "0");
    }

    /** An answer to {@code offer}: its first audio payload type, or PCMU when it has none we can read. */
    static String answer(String offer, String host, int mediaPort) {
        Matcher audio = AUDIO.matcher(offer == null ? "" : offer);
        String payload = audio.find() ? audio.group(1).trim().split(" ")[0] : "0";
        return describe(host, mediaPort, payload);
    }

    private static String describe(String host, int mediaPort, String payload) {
        long session = System.currentTimeMillis();
        String rtpmap = payload.equals("8") ? "a=rtpmap:8 PCMA/8000\r\n" : payload.equals("0") ? "a=rtpmap:0 PCMU/8000\r\n" : "";
        return "v=0\r\n"
                + "o=callgate " + session + " " + session + " IN IP4 " + host + "\r\n"
                + "s=callgate\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + mediaPort + " RTP/AVP " + payload + "\r\n"
                + rtpmap
                + "a=sendrecv\r\n";
    }
}
