package dev.turnpike.loadtest.stub;

import dev.turnpike.loadtest.process.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The upstream every target proxies to: answers any request with the same ~1 KB JSON body, optionally after a
 * delay, on one event-loop thread. Runs as its own JVM so that its CPU use is visible and pinnable apart from the
 * harness. Prints {@code LISTENING <port>} on stdout once bound.
 *
 * <p>{@code java -cp ... dev.turnpike.loadtest.stub.UpstreamStub [--port 0] [--delay-ms 0] [--threads 1]}
 */
public final class UpstreamStub {
    /** The body, 1,024 bytes of JSON. */
    static final byte[] BODY = body();

    private UpstreamStub() {
    }

    /** Entry point, see the class comment for the options. */
    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        long delayMs = 0;
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--delay-ms" -> delayMs = Long.parseLong(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]
                        + " (expected: --port N, --delay-ms N, --threads N)");
            }
        }
        Transport transport = Transport.best();
        EventLoopGroup group = transport.group(threads);
        ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.directBuffer(BODY.length).writeBytes(BODY));
        ChannelHandler handler = new Handler(body, delayMs);
        Channel server = new ServerBootstrap().group(group).channel(transport.serverSocket())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), handler);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        System.out.println("LISTENING " + ((InetSocketAddress) server.localAddress()).getPort()
                + " transport=" + transport + " delayMs=" + delayMs);
        System.out.flush();
        server.closeFuture().sync();
    }

    private static byte[] body() {
        StringBuilder sb = new StringBuilder("{\"id\":42,\"name\":\"turnpike-bench\",\"items\":[");
        int i = 0;
        while (sb.length() < 960) { // room for the pad, so the cut below keeps the JSON whole
            sb.append(i == 0 ? "" : ",").append("{\"n\":").append(i++).append(",\"v\":\"abcdefgh\"}");
        }
        sb.append("],\"pad\":\"");
        while (sb.length() < 1022) {
            sb.append('x');
        }
        return sb.append("\"}").substring(0, 1024).getBytes(StandardCharsets.US_ASCII);
    }

    @ChannelHandler.Sharable
    private static final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private final ByteBuf body;
        private final long delayMs;

        Handler(ByteBuf body, long delayMs) {
            this.body = body;
            this.delayMs = delayMs;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest req) {
                ctx.channel().attr(KeepAlive.KEY).set(HttpUtil.isKeepAlive(req));
            }
            if (msg instanceof LastHttpContent) {
                boolean keepAlive = Boolean.TRUE.equals(ctx.channel().attr(KeepAlive.KEY).get());
                if (delayMs > 0) {
                    ctx.executor().schedule(() -> respond(ctx, keepAlive), delayMs, TimeUnit.MILLISECONDS);
                } else {
                    respond(ctx, keepAlive);
                }
            }
        }

        private void respond(ChannelHandlerContext ctx, boolean keepAlive) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    body.duplicate());
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
            if (keepAlive) {
                ctx.writeAndFlush(res, ctx.voidPromise());
            } else {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(res).addListener(f -> ctx.close());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static final class KeepAlive {
        static final io.netty.util.AttributeKey<Boolean> KEY = io.netty.util.AttributeKey.valueOf("keepAlive");
    }
}
