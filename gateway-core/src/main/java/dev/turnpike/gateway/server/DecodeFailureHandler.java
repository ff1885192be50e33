package dev.turnpike.gateway.server;

import dev.turnpike.gateway.observe.AccessLog;
import dev.turnpike.gateway.observe.GatewayMetrics;
import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.problem.ProblemType;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Sits right after the HTTP/1.1 decoder and answers requests it could not decode: a request line over the limit
 * (414), a header block over the limit (431), anything else malformed such as conflicting {@code Content-Length},
 * {@code Content-Length} with {@code Transfer-Encoding} or a bad header (400). The answer is a problem body, the
 * connection is closed after it and nothing is forwarded. A body whose chunked framing breaks later fails the
 * request as an inbound error, so the proxy aborts the upstream exchange instead of completing it. One instance per
 * connection.
 */
final class DecodeFailureHandler extends ChannelInboundHandlerAdapter {
    private final GatewayMetrics metrics;
    private final AccessLog accessLog;
    private boolean failed;

    DecodeFailureHandler(GatewayMetrics metrics, AccessLog accessLog) {
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    /** Writes a problem straight to the channel, closes it after, and returns the body size. */
    private static int answerAndClose(ChannelHandlerContext ctx, ProblemType type, String detail, String requestId) {
        byte[] body = new Problem(type, detail, requestId).toJson();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, type.status(),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(GatewayHandler.X_REQUEST_ID, requestId);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        return body.length;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
            failed = true;
            Throwable cause = request.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            ProblemType type = cause instanceof TooLongHttpLineException ? ProblemType.URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? ProblemType.HEADERS_TOO_LARGE
                    : ProblemType.MALFORMED_REQUEST;
            String detail = cause == null ? "The request could not be parsed" : cause.getMessage();
            int bytes = answerAndClose(ctx, type, detail, RequestIds.generate());
            metrics.recordRequest("none", request.method().name(), type.status().code(), 0);
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            accessLog.log(remote == null ? "-" : remote.getAddress().getHostAddress(), request.method().name(),
                    "-", type.status().code(), bytes, 0, "none", "-", "-");
            return;
        }
        if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            // Bad chunked framing after the headers were accepted and forwarding began. Passing the decoder's
            // "last content" on would end the forwarded body as if complete; instead the client gets a 400 (if nothing
            // was sent yet) and the connection closes, which fails the body stream and aborts the upstream exchange.
            failed = true;
            Throwable cause = content.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            if (ChannelOperations.get(ctx.channel()) instanceof HttpServerResponse response
                    && !response.hasSentHeaders()) {
                response.status(ProblemType.MALFORMED_REQUEST.status());
                String requestId = response.responseHeaders().get(GatewayHandler.X_REQUEST_ID, RequestIds.generate());
                answerAndClose(ctx, ProblemType.MALFORMED_REQUEST, "request body: " + cause.getMessage(), requestId);
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
