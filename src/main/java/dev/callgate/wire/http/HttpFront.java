package dev.callgate.wire.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.callgate.errors.ErrorCode;
import dev.callgate.errors.ServiceError;
import dev.callgate.wire.aws.AwsErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP port every face shares (DESIGN.md): reads each request (bodies up to 1 MiB), hands it
 * to the dispatcher, and turns any refusal into the AWS error form; an unexpected failure becomes
 * InternalServiceException 500, never an HTML page or a dropped connection.
 */
public final class HttpFront implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    static {
        // Without TCP_NODELAY a response's body waits behind its headers for the client's delayed ACK
        // (~40 ms per call on keep-alive connections). Read once, when the JDK's server first loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService workers;

    public HttpFront(String bind, int port, Dispatcher dispatcher) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 1024);
        this.workers = Executors.newFixedThreadPool(64, runnable -> {
            Thread thread = new Thread(runnable, "callgate-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> serve(exchange, dispatcher));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, Dispatcher dispatcher) throws IOException {
        String requestId = UUID.randomUUID().toString();
        WireResponse response;
        try {
            response = dispatcher.dispatch(read(exchange), requestId);
        } catch (ServiceError error) {
            response = AwsErrors.of(error, requestId);
        } catch (RuntimeException e) {
            LOG.error("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = AwsErrors.of(new ServiceError(ErrorCode.INTERNAL_SERVICE,
                    "Internal failure (request " + requestId + "): " + e.getClass().getSimpleName()), requestId);
        }
        write(exchange, response, requestId);
    }

    private static WireRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new WireRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), rawQuery,
                Percent.query(rawQuery), headers, body(exchange));
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && parseLength(length) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static long parseLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw ServiceError.invalidRequest("Content-Length '" + length + "' is not a number.");
        }
    }

    private static ServiceError tooLarge() {
        return ServiceError.invalidRequest("The request body is larger than the 1 MiB (" + MAX_BODY_BYTES + " bytes) that Callgate accepts.");
    }

    private static void write(HttpExchange exchange, WireResponse response, String requestId) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Chooses the face a request is for and answers it. */
    @FunctionalInterface
    public interface Dispatcher {
        WireResponse dispatch(WireRequest request, String requestId);
    }
}
