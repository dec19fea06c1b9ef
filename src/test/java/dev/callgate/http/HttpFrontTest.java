package dev.callgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.loop.LoopAttempt;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP front on its own, over raw sockets: what no SDK client would send, and how it closes. */
class HttpFrontTest {
    private static final int WORKERS = 4;
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
            return text(200, request.rawPath());
        });

        String answers = exchange("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answers.indexOf("/slow")).isPositive().isLessThan(answers.indexOf("/fast"));
        assertThat(answers).contains("x-amzn-RequestId: ", "date: ");
    }

    @Test
    void whatAnEndpointDecidesAtOnceIsAnsweredOnTheEventLoopAndTheRestOnAWorker() throws Exception {
        Endpoint threadNaming = new Endpoint() {
            @Override
            public Answer receive(WireRequest request, String requestId) {
                return request.rawPath().equals("/at-once") ? Answer.now(text(200, "decided on " + Thread.currentThread().getName()))
                        : Endpoint.super.receive(request, requestId);
            }

            @Override
            public WireResponse answer(WireRequest request, String requestId) {
                return text(200, "answered on " + Thread.currentThread().getName());
            }

            @Override
            public WireResponse refuse(WireRequest head, String message, String requestId) {
                return text(400, message);
            }
        };
        front = new HttpFront("127.0.0.1", 0, new Routes(threadNaming), WORKERS, 2, false);
        front.start();

        // The worker's answer first: the one decided at once must wait its turn, not overtake it.
        String answers = exchange("GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /at-once HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answers).contains("decided on callgate-io", "answered on callgate-http");
        assertThat(answers.indexOf("answered on")).isLessThan(answers.indexOf("decided on"));
    }

    @Test
    void aReadIsAnsweredWhileEveryWorkerWaitsOnAWrite() throws Exception {
        CountDownLatch writing = new CountDownLatch(WORKERS);
        CountDownLatch release = new CountDownLatch(1);
        Endpoint store = new Endpoint() {
            @Override
            public Answer receive(WireRequest request, String requestId) {
                return request.rawPath().equals("/read") ? Answer.reading(() -> text(200, "read on " + Thread.currentThread().getName()))
                        : Endpoint.super.receive(request, requestId);
            }

            @Override
            public WireResponse answer(WireRequest request, String requestId) {
                writing.countDown();
                awaitQuietly(release);
                return text(200, "written");
            }

            @Override
            public WireResponse refuse(WireRequest head, String message, String requestId) {
                return text(400, message);
            }
        };
        front = new HttpFront("127.0.0.1", 0, new Routes(store), WORKERS, 2, false);
        front.start();
        List<Socket> writers = new ArrayList<>();
        try {
            for (int i = 0; i <= WORKERS; i++) {   // one more than the workers: a write waits in the queue too
                Socket socket = new Socket("127.0.0.1", front.port());
                socket.getOutputStream().write("POST /write HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                writers.add(socket);
            }
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

            String answer = exchange("GET /read HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("read on callgate-read");
        } finally {
            release.countDown();
            for (Socket socket : writers) {
                socket.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/brief", "/brief-but-would-wait", "/long"})
    void aBriefReadIsAnsweredOnTheEventLoopUnlessItWouldWaitThere(String path) throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        Supplier<WireResponse> read = () -> {
            attempts.add(Thread.currentThread().getName());
            if (path.equals("/brief-but-would-wait") && LoopAttempt.mustNotWait()) {
                throw new LoopAttempt.WouldWait("the read would write");
            }
            return text(200, "read on " + Thread.currentThread().getName());
        };
        Endpoint reads = onlyReading(path.equals("/long") ? Answer.reading(read) : Answer.readingBriefly(read));
        front = new HttpFront("127.0.0.1", 0, new Routes(reads), WORKERS, 2, true);
        front.start();

        String answer = exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        switch (path) {
            case "/brief" -> assertThat(attempts).singleElement().asString().startsWith("callgate-io");
            case "/brief-but-would-wait" -> assertThat(attempts).hasSize(2).satisfiesExactly(
                    first -> assertThat(first).startsWith("callgate-io"), second -> assertThat(second).isEqualTo("callgate-read"));
            default -> assertThat(attempts).containsExactly("callgate-read");
        }
        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("read on " + attempts.get(attempts.size() - 1));
    }

    @Test
    void withoutReadsOnTheLoopABriefReadRunsOnAReader() throws Exception {
        Endpoint reads = onlyReading(Answer.readingBriefly(() -> text(200, "read on " + Thread.currentThread().getName())));
        front = new HttpFront("127.0.0.1", 0, new Routes(reads), WORKERS, 2, false);
        front.start();

        assertThat(exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).endsWith("read on callgate-read");
    }

    /** An endpoint that answers every request with the given read. */
    private static Endpoint onlyReading(Answer read) {
        return new Endpoint() {
            @Override
            public Answer receive(WireRequest request, String requestId) {
                return read;
            }

            @Override
            public WireResponse answer(WireRequest request, String requestId) {
                throw new AssertionError("every request here is a read");
            }

            @Override
            public WireResponse refuse(WireRequest head, String message, String requestId) {
                return text(400, message);
            }
        };
    }

    @Test
    void malformedRequestGetsTheFallbackEndpointsRefusalAndTheConnectionCloses() throws Exception {
        start((request, id) -> text(200, "answered"));

        String answer = exchange("NOT HTTP AT ALL\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("refused: The HTTP request is malformed");
    }

    @Test
    void oversizedBodyGetsItsOwnRoutesRefusal() throws Exception {
        Endpoint other = endpoint((request, id) -> text(200, "other"), "other refused: ");
        front = new HttpFront("127.0.0.1", 0, new Routes(endpoint((request, id) -> text(200, "fallback"), "refused: "))
                .on("POST", "/other/**", other), WORKERS, 2, false);
        front.start();

        String answer = exchange("POST /other/x HTTP/1.1\r\nHost: x\r\nContent-Length: " + (HttpFront.MAX_BODY_BYTES + 1)
                + "\r\nConnection: close\r\n\r\n" + "x".repeat(HttpFront.MAX_BODY_BYTES + 1));

        assertThat(answer).startsWith("HTTP/1.1 400").contains("other refused: ", "1 MiB");
    }

    @Test
    void bodyThatNeverFinishesIsAnswered408AndTheConnectionCloses() throws Exception {
        front = new HttpFront("127.0.0.1", 0, new Routes(endpoint((request, id) -> text(200, "answered"), "refused: ")), WORKERS, 2, false,
                Duration.ofMillis(300));
        front.start();

        String answer = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\nab");

        assertThat(answer).startsWith("HTTP/1.1 408").contains("refused: ", "not received whole", "2 body bytes");
    }

    @Test
    void aKeptAliveConnectionWithNothingToDoIsClosedButNotWhileItsAnswerIsWorkedOn() throws Exception {
        front = new HttpFront("127.0.0.1", 0, new Routes(endpoint((request, id) -> {
            sleepMillis(900);
            return text(200, "slow answer");
        }, "refused: ")), WORKERS, 2, false, Duration.ofMillis(300));
        front.start();

        // Kept alive, so only the idle timeout ends the read; without it the socket's 10 s timeout fails the test.
        String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("slow answer");
    }

    @Test
    void aConnectionAnsweredLateGetsItsWholeQuietAfterTheAnswer() throws Exception {
        // Nothing is read after the first request, so the idle checks come at 500 and 1,000 ms; the first answer is
        // written at about 900 ms, and the second request arrives at about 1,050 ms: after the check at 1,000 ms,
        // and well within 500 ms of quiet after the answer.
        AtomicInteger calls = new AtomicInteger();
        front = new HttpFront("127.0.0.1", 0, new Routes(endpoint((request, id) -> {
            if (calls.incrementAndGet() == 1) {
                sleepMillis(900);
            }
            return text(200, "answer " + calls.get());
        }, "refused: ")), WORKERS, 2, false, Duration.ofMillis(500));
        front.start();

        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.setSoTimeout(10_000);
            String first = keptAliveExchange(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            sleepMillis(150);
            String second = keptAliveExchange(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(first).startsWith("HTTP/1.1 200").endsWith("answer 1");
            assertThat(second).startsWith("HTTP/1.1 200").endsWith("answer 2");
        }
    }

    @Test
    void aDeclaredLengthIsNotAllocatedBeforeItsBytesArrive() {
        DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        head.headers().set("Content-Length", HttpFront.MAX_BODY_BYTES);
        InboundRequest request = new InboundRequest(head);

        request.append(Unpooled.wrappedBuffer(new byte[] {'a', 'b'}));

        assertThat(request.capacity()).isLessThanOrEqualTo(8 << 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /instance/a%zz HTTP/1.1\r\nHost: x",
        "GET /a|b HTTP/1.1\r\nHost: x",
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:abc",
        "GET / HTTP/1.1\r\nHost: :",
        "GET / HTTP/1.1\r\nHost: [::1",
        "GET / HTTP/1.1\r\nHost: [::1]x80",
        "GET / HTTP/1.1\r\nHost: []",
        "GET / HTTP/1.1\r\nHost: x:",
        "GET / HTTP/1.1\r\nHost: x:70000",
        "GET / HTTP/1.1\r\nHost: ",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b",
    })
    void malformedHostOrTargetIsRefusedBeforeAnyEndpointSeesIt(String head) throws Exception {
        start((request, id) -> text(200, "answered"));

        String answer = exchange(head + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("refused: ").doesNotContain("answered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "127.0.0.1:8080", "[::1]:443", "[::1]", "my-host.example.com:65535"})
    void wellFormedHostsPass(String host) throws Exception {
        start((request, id) -> text(200, "answered"));

        String answer = exchange("GET /a/b%2Fc?x=1&y=%20 HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("answered");
    }

    @Test
    void anEndpointSeesHeadersByLowerCaseNameWithRepeatedValuesInOrderAndThePathSplit() throws Exception {
        start((request, id) -> text(200, request.headers().get("x-twice") + " " + request.header("X-Once") + " " + request.path()));

        String answer = exchange("GET //a/b%2Fc/ HTTP/1.1\r\nHost: x\r\nX-Twice: 1\r\nx-once: o\r\nX-TWICE: 2\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("[1, 2] o [a, b/c]");
    }

    @Test
    void theDateHeaderIsTheImfFixdateOfTheAnswersSecond() throws Exception {
        start((request, id) -> text(200, "now"));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        String date = answer.replaceAll("(?is).*\r\ndate: ([^\r]*)\r\n.*", "$1");
        assertThat(date).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date))).isBetween(before, Instant.now());
    }

    @Test
    void failureThatEscapesAnEndpointIsABareJson500() throws Exception {
        start((request, id) -> {
            throw new IllegalStateException("boom");
        });

        String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 500").contains("Internal failure").doesNotContain("boom");
    }

    @Test
    void closeLetsARequestInProgressFinish() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        start((request, id) -> {
            inHandler.countDown();
            sleepMillis(300);
            return text(200, "done");
        });
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();

            front.close();

            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("done");
        }
    }

    private void start(Responder answer) throws IOException {
        front = new HttpFront("127.0.0.1", 0, new Routes(endpoint(answer, "refused: ")), WORKERS, 2, false);
        front.start();
    }

    /** An endpoint that answers with {@code answer} and refuses with a 400 whose text starts with {@code refusalPrefix}. */
    private static Endpoint endpoint(Responder answer, String refusalPrefix) {
        return new Endpoint() {
            @Override
            public WireResponse answer(WireRequest request, String requestId) {
                return answer.answer(request, requestId);
            }

            @Override
            public WireResponse refuse(WireRequest head, String message, String requestId) {
                return text(400, refusalPrefix + message);
            }
        };
    }

    private static WireResponse text(int status, String text) {
        return new WireResponse(status, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface Responder {
        WireResponse answer(WireRequest request, String requestId);
    }

    /** Sends raw bytes and reads until the server closes the connection. */
    private String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
            return readAll(socket.getInputStream());
        }
    }

    /** One request and its answer on a connection that stays open: the answer is read as far as its Content-Length. */
    private static String keptAliveExchange(Socket socket, String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.US_ASCII); // closed before the answer was whole
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = Integer.parseInt(text.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
