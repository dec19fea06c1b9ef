package dev.callgate.http;

import dev.callgate.loop.LoopAttempt;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One client connection, on its event loop: gathers each request ({@link InboundRequest}), answers
 * the requests one at a time and in order (what the endpoint decides at once on the event loop, and brief reads
 * when the store lets them run there; the rest on the worker pool or the readers), and writes every answer with its
 * request id and Date. Requests that a client pipelines wait their turn, with reading paused. A
 * request whose body is not whole within the read timeout of its first bytes is answered 408 and the
 * connection closed, so a client that stops sending holds neither a connection nor its buffer.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    // An answer's header names are Callgate's own constants, so checking each name's characters on every answer
    // is work for nothing; the values, which may carry what a caller sent, are still checked.
    private static final HttpHeadersFactory ANSWER_HEADERS = DefaultHttpHeadersFactory.headersFactory().withNameValidation(false);
    private final HttpFront front;
    private final Executor workers;
    private final Executor readers;
    private final boolean readsOnLoop;
    private final Duration readTimeout;
    private final Queue<Exchange> waiting = new ArrayDeque<>();
    private InboundRequest reading;
    private ScheduledFuture<?> readDeadline;
    private boolean answering;
    private long answeredAt = System.nanoTime();
    private ScheduledFuture<?> idleCheck;

    HttpConnection(HttpFront front, Executor workers, Executor readers, boolean readsOnLoop, Duration readTimeout) {
        this.front = front;
        this.workers = workers;
        this.readers = readers;
        this.readsOnLoop = readsOnLoop;
        this.readTimeout = readTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (((HttpObject) msg).decoderResult().isFailure()) {
                malformed(ctx, ((HttpObject) msg).decoderResult().cause());
                return;
            }
            if (msg instanceof HttpRequest head) {
                reading = new InboundRequest(head);
            }
            if (msg instanceof HttpContent content && reading != null) {
                read(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * A request still incomplete when the bytes read so far are used up gets its read deadline now. Most requests
     * arrive whole in one read, and need no timer to schedule and cancel.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading != null && readDeadline == null) {
            InboundRequest started = reading;
            readDeadline = ctx.executor().schedule(() -> timedOut(ctx, started), readTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelReadComplete();
    }

    private void read(ChannelHandlerContext ctx, HttpContent content) {
        reading.append(content.content());
        if (reading.drainedTooMuch()) {
            // The client keeps sending: refuse now and close rather than read on.
            WireRequest head = reading.head();
            stopReading();
            queue(ctx, Exchange.refused(head, 400, InboundRequest.TOO_LARGE, false));
        } else if (content instanceof LastHttpContent) {
            InboundRequest done = reading;
            stopReading();
            String malformation = done.malformation();
            queue(ctx, malformation != null ? Exchange.refused(done.head(), 400, malformation, done.keepAlive())
                    : done.isTooLarge() ? Exchange.refused(done.head(), 400, InboundRequest.TOO_LARGE, done.keepAlive())
                    : new Exchange(newRequestId(), done.toWire(), 0, null, done.keepAlive()));
        }
    }

    /** The request is still not whole: refuse it with 408 and close, as its framing is lost. */
    private void timedOut(ChannelHandlerContext ctx, InboundRequest started) {
        if (reading != started) {
            return;
        }
        WireRequest head = reading.head();
        stopReading();
        queue(ctx, Exchange.refused(head, 408, "The request was not received whole within " + readTimeout.toSeconds()
                + " s of its head (" + started.received() + " body bytes arrived).", false));
    }

    private void stopReading() {
        reading = null;
        if (readDeadline != null) {
            readDeadline.cancel(false);
            readDeadline = null;
        }
    }

    /** A request the codec could not parse gets its endpoint's 400, and the connection closes: its framing is lost. */
    private void malformed(ChannelHandlerContext ctx, Throwable cause) {
        stopReading();
        queue(ctx, Exchange.refused(null, 400, "The HTTP request is malformed: " + cause.getMessage(), false));
        ctx.channel().config().setAutoRead(false);
    }

    private void queue(ChannelHandlerContext ctx, Exchange exchange) {
        if (answering) {
            waiting.add(exchange);
            ctx.channel().config().setAutoRead(false);
        } else {
            answer(ctx, exchange);
        }
    }

    private void answer(ChannelHandlerContext ctx, Exchange exchange) {
        answering = true;
        if (exchange.refusal() != null) {
            WireResponse refusal = front.refuse(exchange.request(), exchange.refusal(), exchange.requestId());
            write(ctx, exchange, new WireResponse(exchange.refusalStatus(), refusal.headers(), refusal.body()));
            return;
        }
        Answer answer = front.receive(exchange.request(), exchange.requestId());
        if (answer.isDecided()) {
            write(ctx, exchange, answer.resolve());
            return;
        }
        if (answer.isBrief() && readsOnLoop) {
            Optional<WireResponse> read = LoopAttempt.run(() -> front.complete(exchange.request(), exchange.requestId(), answer));
            if (read.isPresent()) {
                write(ctx, exchange, read.get());
                return;
            }
        }
        try {
            (answer.readsOnly() ? readers : workers).execute(() -> {
                WireResponse response = front.complete(exchange.request(), exchange.requestId(), answer);
                ctx.executor().execute(() -> write(ctx, exchange, response));
            });
        } catch (RejectedExecutionException closing) {
            ctx.close();
        }
    }

    private void write(ChannelHandlerContext ctx, Exchange exchange, WireResponse response) {
        // No trailers: an answer has a Content-Length, and an empty immutable set costs nothing per answer.
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body()), ANSWER_HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE);
        response.headers().forEach(out.headers()::set);
        out.headers().set("x-amzn-RequestId", exchange.requestId());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        out.headers().set(HttpHeaderNames.DATE, HttpDate.now());
        HttpUtil.setKeepAlive(out, exchange.keepAlive());
        answeredAt = System.nanoTime();
        if (!exchange.keepAlive()) {
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(out, ctx.voidPromise());
        answering = false;
        Exchange next = waiting.poll();
        if (next != null) {
            answer(ctx, next);
        } else if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** A random (version 4) UUID: request ids must be unique, not unguessable, so no SecureRandom per request. */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    /**
     * A kept-alive connection that has had nothing to do for the read timeout is closed: nothing read for that long
     * (the idle event), nothing being read, answered or sent, and no answer written within it either. An answer
     * written since (the usual case: it follows the last read by the time it took) moves the close to the timeout
     * after that answer.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && idleCheck == null) {
            closeIfIdle(ctx);
        }
        ctx.fireUserEventTriggered(event);
    }

    private void closeIfIdle(ChannelHandlerContext ctx) {
        idleCheck = null;
        if (answering || reading != null || sending(ctx)) {
            return; // busy: the next idle event looks again
        }
        long quietFor = System.nanoTime() - answeredAt;
        if (quietFor >= readTimeout.toNanos()) {
            ctx.close();
        } else {
            idleCheck = ctx.executor().schedule(() -> closeIfIdle(ctx), readTimeout.toNanos() - quietFor, TimeUnit.NANOSECONDS);
        }
    }

    private static boolean sending(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer unsent = ctx.channel().unsafe().outboundBuffer();
        return unsent != null && unsent.totalPendingWriteBytes() > 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopReading();
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a broken pipe: the client is gone, there is no one to answer.
        ctx.close();
    }

    /**
     * A request to answer, or the refusal already decided for it (with the request's head, if it was read,
     * and its status), and whether the connection stays open after.
     */
    private record Exchange(String requestId, WireRequest request, int refusalStatus, String refusal, boolean keepAlive) {
        static Exchange refused(WireRequest head, int status, String refusal, boolean keepAlive) {
            return new Exchange(newRequestId(), head, status, refusal, keepAlive);
        }
    }
}
