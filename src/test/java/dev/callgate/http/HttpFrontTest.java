package dev.callgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP front on its own, over raw sockets: what no SDK client would send, and how it closes. */
class HttpFrontTest {
    private HttpFront front;

    @AfterEach
    void stop() {
        if (front != null) {
            front.close();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start((request, id) -> {
            sleepMillis(request.rawPath().equals("/slow") ? 200 : 0);
            return new WireResponse(200, Map.of("Content-Type", "text/plain"), request.rawPath().getBytes(StandardCharsets.UTF_8));
        });

        String answers = exchange("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answers.indexOf("/slow")).isPositive().isLessThan(answers.indexOf("/fast"));
        assertThat(answers).contains("x-amzn-RequestId: ", "date: ");
    }

    @Test
    void malformedRequestGetsAModelledErrorAndTheConnectionCloses() throws Exception {
        start((request, id) -> new WireResponse(200, Map.of(), new byte[0]));

        String answer = exchange("NOT HTTP AT ALL\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("x-amzn-ErrorType: InvalidRequestException", "\"__type\":\"InvalidRequestException\"");
    }

    @Test
    void unexpectedFailureIsAnInternalServiceErrorInAwsForm() throws Exception {
        start((request, id) -> {
            throw new IllegalStateException("boom");
        });

        String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 500").contains("InternalServiceException").doesNotContain("boom");
    }

    @Test
    void closeLetsARequestInProgressFinish() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        start((request, id) -> {
            inHandler.countDown();
            sleepMillis(300);
            return new WireResponse(200, Map.of(), "done".getBytes(StandardCharsets.UTF_8));
        });
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();

            front.close();

            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("done");
        }
    }

    private void start(HttpFront.Dispatcher dispatcher) throws IOException {
        front = new HttpFront("127.0.0.1", 0, dispatcher);
        front.start();
    }

    /** Sends raw bytes and reads until the server closes the connection. */
    private String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
