package dev.turnpike.gateway.server;

import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.problem.ProblemType;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Sits right after the HTTP/1.1 decoder and holds every request head to {@link RequestHeadPolicy}. A head the decoder
 * could not parse (a request line over the limit: 414; a header block over the limit: 431; anything else malformed:
 * 400) or that breaks the policy is replaced by an empty request marked with its {@link Refusal}, which Reactor Netty
 * queues behind the requests before it on the connection: those are answered normally first, then the refusal is
 * answered (by {@link RequestGuardFilter}, with its access-log line and metric) and the connection closes. Nothing
 * after a refused request is read. A body whose chunked framing breaks later fails the request as an inbound error, so
 * the proxy aborts the upstream exchange instead of completing it. One instance per connection.
 */
final class DecodeFailureHandler extends ChannelInboundHandlerAdapter {
    /** Marks a refused request; only this handler sets it (it is removed from every request it lets pass). */
    static final AsciiString REFUSAL = AsciiString.cached("x-turnpike-refusal");

    private boolean failed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Refusal refusal = request.decoderResult().isFailure() ? decoderRefusal(request.decoderResult().cause())
                    : RequestHeadPolicy.check(request);
            if (refusal != null) {
                failed = true;
                HttpMethod method = request.decoderResult().isFailure() ? HttpMethod.GET : request.method();
                ReferenceCountUtil.release(msg);
                ctx.fireChannelRead(refusedRequest(method, refusal));
                return;
            }
            request.headers().remove(REFUSAL);
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
                ctx.writeAndFlush(ProblemResponder.fullResponse(new Problem(ProblemType.MALFORMED_REQUEST,
                        "request body: " + cause.getMessage(), requestId))).addListener(LingeringClose.INSTANCE);
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static Refusal decoderRefusal(Throwable cause) {
        String detail = cause == null || cause.getMessage() == null ? "the request head could not be parsed"
                : cause.getMessage();
        if (cause instanceof TooLongHttpLineException) {
            return new Refusal("request-line-too-long", ProblemType.URI_TOO_LONG, detail);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Refusal("header-block-too-large", ProblemType.HEADERS_TOO_LARGE, detail);
        }
        return Refusal.malformed("unparsable", detail);
    }

    /** An empty request that carries {@code refusal} to the handler, in the refused request's place in line. */
    private static FullHttpRequest refusedRequest(HttpMethod method, Refusal refusal) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/", Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO)
                .set(REFUSAL, refusal.type().name() + " " + refusal.reason() + " " + Refusal.quote(refusal.detail()));
        return request;
    }

    /** The refusal a marked request carries, or {@code null} for a request that passed. */
    static Refusal refusalOf(String marker) {
        if (marker == null) {
            return null;
        }
        int a = marker.indexOf(' ');
        int b = a < 0 ? -1 : marker.indexOf(' ', a + 1);
        if (b < 0 || marker.length() < b + 3) {
            return Refusal.malformed("unparsable", "the request carries a reserved field");
        }
        ProblemType type;
        try {
            type = ProblemType.valueOf(marker.substring(0, a));
        } catch (IllegalArgumentException e) {
            type = ProblemType.MALFORMED_REQUEST;
        }
        return new Refusal(marker.substring(a + 1, b), type, marker.substring(b + 2, marker.length() - 1));
    }
}
