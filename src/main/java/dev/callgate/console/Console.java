package dev.callgate.console;

import dev.callgate.http.Endpoint;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The operator console: a few static files from the jar under {@value #PATH}, which read the operator
 * API from the browser. The files hold no data, so they are served without the operator token; every
 * figure they show comes from {@code /_callgate/}, with the token the page asks for in strict mode.
 */
public final class Console implements Endpoint {
    public static final String PATH = "/console/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");
    private static final Map<String, String> NO_CACHE = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");

    private final Map<String, byte[]> contents;

    public Console() {
        this.contents = FILES.keySet().stream().collect(Collectors.toUnmodifiableMap(name -> name, Console::read));
    }

    @Override
    public WireResponse answer(WireRequest request, String requestId) {
        if (!request.rawPath().startsWith(PATH)) {
            // "/console": relative links in the page need the trailing slash.
            return new WireResponse(308, Map.of("Location", PATH), new byte[0]);
        }
        List<String> path = request.path();
        String name = path.size() == 1 ? "index.html" : path.get(1);
        if (path.size() > 2 || !contents.containsKey(name)) {
            return text(404, "No console file " + request.rawPath() + "; the console is at " + PATH);
        }
        return new WireResponse(200, headers(FILES.get(name)), contents.get(name));
    }

    @Override
    public WireResponse refuse(WireRequest head, String message, String requestId) {
        return text(400, message);
    }

    private static Map<String, String> headers(String contentType) {
        Map<String, String> headers = new HashMap<>(NO_CACHE);
        headers.put("Content-Type", contentType);
        return headers;
    }

    private static WireResponse text(int status, String message) {
        return new WireResponse(status, headers("text/plain; charset=utf-8"), message.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(String name) {
        try (InputStream in = Console.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks the console file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
