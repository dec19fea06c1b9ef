package dev.callgate.http;

import dev.callgate.loop.LoopAttempt;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP port every face shares (docs/architecture.md), served by Netty: its event loop only parses
 * requests (bodies up to 1 MiB, see {@link InboundRequest}), lets the {@link Endpoint} the {@link Routes} pick decide
 * what it can without blocking ({@link Endpoint#receive}), and writes answers ({@link HttpConnection}); the rest of
 * the work runs on a worker pool, because handlers block on JDBC, or on a pool of readers when it only reads
 * ({@link Answer#readsOnly()}; bench/journal.md, "Readers and writers").
 * Each endpoint renders its own refusals; a failure that escapes one is a bare JSON 500, never an HTML page
 * or a dropped connection.
 */
public final class HttpFront implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_LINE_AND_HEADER_BYTES = 16 << 10;
    // As the JDK server did: a kept-alive connection with nothing to do for this long is closed, and a
    // request has as long to arrive whole after its head.
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    private final InetSocketAddress address;
    private final Duration timeout;
    private final Routes routes;
    private final EventLoopGroup loops;
    private final ByteBufAllocator allocator;
    private final ExecutorService workers;
    private final ExecutorService readers;
    private final boolean readsOnLoop;
    private final ChannelGroup connections;
    private Channel listener;

    static {
        // Netty tracks one buffer in 128 for leaks, with a stack trace each: a cost on every busy event loop, for a
        // check that belongs in tests (the build runs them with it; -Dio.netty.leakDetection.level=simple turns it on).
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * @param workers the threads that run work which may write; {@code readers} those that run work which only reads
     * @param readsOnLoop whether brief reads are tried on the event loops first ({@link Answer#readingBriefly})
     */
    public HttpFront(String bind, int port, Routes routes, int workers, int readers, boolean readsOnLoop) {
        this(bind, port, routes, workers, readers, readsOnLoop, TIMEOUT);
    }

    /**
     * @param timeout how long a request may take to arrive whole after its head, and a kept-alive connection may
     *     sit with nothing to do
     */
    HttpFront(String bind, int port, Routes routes, int workers, int readers, boolean readsOnLoop, Duration timeout) {
        this.readsOnLoop = readsOnLoop;
        this.address = new InetSocketAddress(bind, port);
        this.timeout = timeout;
        this.routes = routes;
        // One event loop per core: throttle refusals are decided on the loops, so they can use every core.
        int cores = Runtime.getRuntime().availableProcessors();
        this.loops = new MultiThreadIoEventLoopGroup(cores, new DefaultThreadFactory("callgate-io", true), NioIoHandler.newFactory());
        this.allocator = FrontBuffers.allocator(cores);
        this.connections = new DefaultChannelGroup(loops.next());
        this.workers = pool(workers, "callgate-http");
        this.readers = pool(readers, "callgate-read");
    }

    private static ExecutorService pool(int size, String name) {
        return Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds the port and starts answering. */
    public void start() throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                // Without it the client's delayed ACK holds a kept-alive answer for ~40 ms.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, allocator)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline().addLast(
                                // Reader-idle, not all-idle: an all-idle handler watches every write to its end, a
                                // promise and a listener per answer; HttpConnection counts the quiet since its last answer.
                                new IdleStateHandler(timeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS),
                                new HttpServerCodec(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(MAX_LINE_AND_HEADER_BYTES)
                                        .setMaxHeaderSize(MAX_LINE_AND_HEADER_BYTES)),
                                new HttpServerExpectContinueHandler(),
                                new HttpConnection(HttpFront.this, workers, readers, readsOnLoop, timeout));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            close();
            throw bound.cause() instanceof IOException refused ? refused : new IOException("Cannot bind " + address, bound.cause());
        }
        listener = bound.channel();
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** What the request's endpoint decides on the event loop; a failure there is a bare 500. */
    Answer receive(WireRequest request, String requestId) {
        try {
            return routes.endpointFor(request).receive(request, requestId);
        } catch (RuntimeException e) {
            return Answer.now(failed(request, requestId, e));
        }
    }

    /** The rest of an answer, on a worker thread or tried on the event loop; a failure there is a bare 500. */
    WireResponse complete(WireRequest request, String requestId, Answer answer) {
        try {
            return answer.resolve();
        } catch (LoopAttempt.WouldWait handOff) {
            throw handOff;
        } catch (RuntimeException e) {
            return failed(request, requestId, e);
        }
    }

    private static WireResponse failed(WireRequest request, String requestId, RuntimeException e) {
        LOG.error("Request {} {} failed", request.method(), request.rawPath(), e);
        return new WireResponse(500, Map.of("Content-Type", "application/json"),
                ("{\"message\":\"Internal failure (request " + requestId + ")\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The 400 of a request the front will not pass on, in the form of the endpoint it was for. */
    WireResponse refuse(WireRequest head, String message, String requestId) {
        return routes.endpointFor(head).refuse(head, message, requestId);
    }

    /** Stops accepting, lets the requests in progress finish (up to 5 s), then closes every connection. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        workers.shutdown();
        readers.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ExecutorService pool : List.of(workers, readers)) {
            try {
                if (!pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        // A close is queued behind the answers the finished requests queued, so they are written first.
        connections.close().awaitUninterruptibly();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }

}
