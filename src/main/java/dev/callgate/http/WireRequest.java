package dev.callgate.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the wire layer sees it: method, raw (still percent-encoded) path, decoded
 * query parameters, headers keyed by lower-case name, the body, and the path's segments, split on '/' and
 * then each decoded ({@link Percent#pathSegments}): the front routes by them and the endpoints read them, so
 * they are split once.
 */
public record WireRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body,
        List<String> path) {

    public WireRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> query,
                       Map<String, List<String>> headers, byte[] body) {
        this(method, rawPath, rawQuery, query, headers, body, Percent.pathSegments(rawPath));
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
