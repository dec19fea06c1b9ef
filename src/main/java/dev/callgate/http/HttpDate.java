package dev.callgate.http;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/**
 * The Date header of every answer (RFC 9110 §6.6.1), formatted once a second rather than once an answer, by Netty's
 * HTTP date formatter: its day and month names are its own, where java.time's formatter loaded the JDK's locale
 * data for them on the first answer, about 7 ms of it (bench/journal.md, "The start: its poller and its CPU").
 */
final class HttpDate {
    private static volatile Stamp last = new Stamp(0, "");

    private HttpDate() {
    }

    static String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = last;
        if (stamp.second() != second) {
            stamp = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
            last = stamp;
        }
        return stamp.text();
    }

    private record Stamp(long second, String text) {
    }
}
