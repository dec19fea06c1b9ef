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
 * The baseline of bench/front/run.sh: Netty 4.2 (the jar Callgate ships) answering every request with a
 * fixed body of N bytes and the same headers Callgate sends, on one event loop as Callgate's front.
 * Usage: java -cp callgate.jar:. BareNetty PORT BODY_BYTES
 */
public final class BareNetty {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] body = new byte[Integer.parseInt(args[1])];
        Arrays.fill(body, (byte) 'x');
        ByteBuf fixed = Unpooled.unreleasableBuffer(Unpooled.directBuffer(body.length).writeBytes(body));
        new ServerBootstrap()
                .group(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()))
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK, fixed.duplicate());
                                        out.headers().set("Content-Type", "application/json")
                                                .set("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000")
                                                .setInt("content-length", body.length)
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
}
