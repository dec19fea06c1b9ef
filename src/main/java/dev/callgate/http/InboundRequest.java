package dev.callgate.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request being read: its head, and its body gathered up to {@link HttpFront#MAX_BODY_BYTES}. A
 * longer body is still read and dropped (up to 64 MiB) before the refusal: a socket closed over
 * unread bytes is reset, and the reset destroys the refusal before the client reads it. The body's
 * buffer grows with the bytes that arrive, never from the declared length alone: a client that declares
 * 1 MiB and sends two bytes holds a few kilobytes.
 */
final class InboundRequest {
    private static final long MAX_DRAIN_BYTES = 64L << 20;
    private static final int FIRST_BUFFER_BYTES = 8 << 10;
    private static final byte[] EMPTY = new byte[0];
    // RFC 3986: the characters a path and query may have besides letters, digits and percent escapes.
    private static final String TARGET_CHARS = "-._~!$&'()*+,;=:@/?";
    private static final String REG_NAME_CHARS = "-._~!$&'()*+,;=";

    private final HttpRequest head;
    private final boolean declaredTooLarge;
    private byte[] body;
    private long received;

    InboundRequest(HttpRequest head) {
        this.head = head;
        long declared = HttpUtil.getContentLength(head, -1L);
        this.declaredTooLarge = declared > HttpFront.MAX_BODY_BYTES;
        this.body = declared > 0 && !declaredTooLarge ? new byte[(int) Math.min(declared, FIRST_BUFFER_BYTES)] : EMPTY;
    }

    static final String TOO_LARGE = "The request body is larger than the 1 MiB (" + HttpFront.MAX_BODY_BYTES + " bytes) that Callgate accepts.";

    void append(ByteBuf chunk) {
        int n = chunk.readableBytes();
        received += n;
        if (isTooLarge() || n == 0) {
            return;
        }
        int at = (int) received - n;
        if (received > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(HttpFront.MAX_BODY_BYTES, Math.max(received, 2L * body.length)));
        }
        chunk.getBytes(chunk.readerIndex(), body, at, n);
    }

    /**
     * Why the head is malformed, or null: a Host that is not one valid host[:port] (RFC 9112 §3.2 answers
     * 400), or a target that is not a URI path and query (every signer would fail to canonicalize it).
     */
    String malformation() {
        List<String> hosts = head.headers().getAll("host");
        if (hosts.size() > 1) {
            return "The request has " + hosts.size() + " Host headers; HTTP allows one.";
        }
        if (hosts.size() == 1 && !isHost(hosts.get(0))) {
            return "The Host header '" + abbreviate(hosts.get(0)) + "' is not a valid host[:port].";
        }
        String target = originForm(head.uri());
        if (!isUriText(target, TARGET_CHARS)) {
            return "The request target '" + abbreviate(target) + "' has characters or percent escapes a URI cannot have.";
        }
        return null;
    }

    /** A reg-name or a bracketed IP literal, then an optional port of up to 65535. */
    private static boolean isHost(String host) {
        int close = host.startsWith("[") ? host.indexOf(']') : -1;
        int colon = close >= 0 ? close + 1 : host.indexOf(':');
        boolean hasPort = colon >= 0 && colon < host.length();
        int nameEnd = hasPort ? colon : host.length();
        boolean validName = close >= 0 ? close > 1 && nameEnd == close + 1 && isIpLiteral(host, 1, close)
                : nameEnd > 0 && isUriText(host, 0, nameEnd, REG_NAME_CHARS);
        return validName && (!hasPort || host.charAt(colon) == ':' && isPort(host, colon + 1));
    }

    /** One to five digits from {@code from} to the end, at most 65535 (a loop: a pattern here would be compiled for every request). */
    private static boolean isPort(String host, int from) {
        int digits = host.length() - from;
        if (digits == 0 || digits > 5) {
            return false;
        }
        int port = 0;
        for (int i = from; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + c - '0';
        }
        return port <= 65535;
    }

    private static boolean isIpLiteral(String host, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = host.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Letters, digits, percent escapes and the {@code allowed} characters only. */
    private static boolean isUriText(String text, String allowed) {
        return isUriText(text, 0, text.length(), allowed);
    }

    private static boolean isUriText(String text, int from, int to, String allowed) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (!(c < 128 && Character.isLetterOrDigit(c)) && allowed.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    boolean isTooLarge() {
        return declaredTooLarge || received > HttpFront.MAX_BODY_BYTES;
    }

    /** The bytes its body buffer holds now: what this request costs in memory. */
    int capacity() {
        return body.length;
    }

    long received() {
        return received;
    }

    boolean drainedTooMuch() {
        return received > MAX_DRAIN_BYTES;
    }

    boolean keepAlive() {
        return HttpUtil.isKeepAlive(head);
    }

    WireRequest toWire() {
        return toWire(received == body.length ? body : Arrays.copyOf(body, (int) received));
    }

    /** The request without its body: enough to route its refusal. */
    WireRequest head() {
        return toWire(EMPTY);
    }

    private WireRequest toWire(byte[] bytes) {
        String target = originForm(head.uri());
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        return new WireRequest(head.method().name(), rawPath, rawQuery, Percent.query(rawQuery), headers(), bytes);
    }

    /** Header values by lower-case name, in arrival order. */
    private Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new HashMap<>();
        for (Iterator<Map.Entry<String, String>> it = head.headers().iteratorAsString(); it.hasNext(); ) {
            Map.Entry<String, String> header = it.next();
            headers.merge(header.getKey().toLowerCase(Locale.ROOT), List.of(header.getValue()), InboundRequest::joined);
        }
        return headers;
    }

    // A list per repeated name only: most headers come once, and most requests have no repeated one.
    private static List<String> joined(List<String> earlier, List<String> later) {
        List<String> all = new ArrayList<>(earlier);
        all.addAll(later);
        return Collections.unmodifiableList(all);
    }

    /** A proxy-style absolute target ({@code http://host/path}) is reduced to its path and query. */
    private static String originForm(String target) {
        int scheme = target.startsWith("/") ? -1 : target.indexOf("://");
        if (scheme < 0) {
            return target;
        }
        int path = target.indexOf('/', scheme + 3);
        return path < 0 ? "/" : target.substring(path);
    }
}
