package dev.callgate.http;

import java.util.Map;

/** One HTTP response: status, headers and body. */
public record WireResponse(int status, Map<String, String> headers, byte[] body) {
}
