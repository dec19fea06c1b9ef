import dev.callgate.http.FrontBuffers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Arrays;

/**
 * The baseline of bench/front/run.sh: Netty 4.2 (the jar Callgate ships) answering with a fixed body and the
 * same headers Callgate sends, on one event loop per core and the front's buffer allocator ({@code FrontBuffers}),
 * as Callgate's front: LIST_BYTES for GET /instance (the size of Callgate's ListInstances answer), DESCRIBE_BYTES
 * for any other path, with STATUS (default 200; bench/throttle/run.sh gives 429 and the size of Callgate's throttle
 * refusal).
 * Usage: java -cp callgate.jar:. BareNetty PORT DESCRIBE_BYTES LIST_BYTES [STATUS]
 */
public final class BareNetty {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        ByteBuf describe = body(Integer.parseInt(args[1]));
        ByteBuf list = body(Integer.parseInt(args[2]));
        HttpResponseStatus status = HttpResponseStatus.valueOf(args.length > 3 ? Integer.parseInt(args[3]) : 200);
        new ServerBootstrap()
                .group(new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory()))
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, FrontBuffers.allocator(Runtime.getRuntime().availableProcessors()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        ByteBuf body = (request.uri().equals("/instance") ? list : describe).duplicate();
                                        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                status, body);
                                        out.headers().set("Content-Type", "application/json")
                                                .set("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000")
                                                .setInt("content-length", body.readableBytes())
                                                .set("date", "Mon, 30 Nov 2026 05:38:22 GMT");
                                        ctx.writeAndFlush(out, ctx.voidPromise());
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", port).sync();
        System.out.println("bare netty listening on " + port);
        Thread.currentThread().join();
    }

    private static ByteBuf body(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'x');
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes).writeBytes(body));
    }
}
