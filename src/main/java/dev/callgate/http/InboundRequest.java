package dev.callgate.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request being read: its head, and its body gathered up to {@link HttpFront#MAX_BODY_BYTES}. A
 * longer body is still read and dropped (up to 64 MiB) before the refusal: a socket closed over
 * unread bytes is reset, and the reset destroys the refusal before the client reads it.
 */
final class InboundRequest {
    private static final long MAX_DRAIN_BYTES = 64L << 20;
    private static final byte[] EMPTY = new byte[0];

    private final HttpRequest head;
    private final boolean declaredTooLarge;
    private byte[] body;
    private long received;

    InboundRequest(HttpRequest head) {
        this.head = head;
        long declared = HttpUtil.getContentLength(head, -1L);
        this.declaredTooLarge = declared > HttpFront.MAX_BODY_BYTES;
        this.body = declared > 0 && !declaredTooLarge ? new byte[(int) declared] : EMPTY;
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

    boolean isTooLarge() {
        return declaredTooLarge || received > HttpFront.MAX_BODY_BYTES;
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
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>(1)).add(header.getValue());
        }
        return headers;
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
