package dev.turnpike.gateway.server;

import dev.turnpike.gateway.observe.AccessLog;
import dev.turnpike.gateway.observe.GatewayMetrics;
import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
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

    /** With {@code metrics} {@code null} (the admin listener) failures are logged but not counted as requests. */
    DecodeFailureHandler(GatewayMetrics metrics, AccessLog accessLog) {
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    /** Writes a problem straight to the channel and closes it after; returns the body size. */
    private static int answerAndClose(ChannelHandlerContext ctx, ProblemType type, String detail, String requestId) {
        FullHttpResponse response = ProblemResponder.fullResponse(new Problem(type, detail, requestId));
        int bytes = response.content().readableBytes();
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        return bytes;
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
            String requestId = RequestIds.generate();
            int bytes = answerAndClose(ctx, type, detail, requestId);
            if (metrics != null) {
                metrics.recordRequest("none", request.method().name(), type.status().code(), 0);
            }
            accessLog.log(AccessLog.client(ctx.channel().remoteAddress()), request.method().name(), "-",
                    type.status().code(), bytes, 0, "none", "-", requestId, "-");
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
