package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.EdgeSettings;
import dev.turnpike.gateway.observe.AccessLog;
import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Holds HTTP/1.1 clients of the public listener to a pace. A request head must arrive whole within
 * {@code limits.headerTimeout} of its first byte (slow headers, slowloris), and a request body must keep up at least
 * {@code limits.minBodyRate} bytes per second: a body that stays below it for {@code limits.bodyRateWindow} while the
 * gateway is reading (time the gateway itself paused reading, because the upstream is slow, does not count) is cut
 * off. Either answer is a 408 {@code request-timeout} problem if nothing was answered on the connection yet, then the
 * connection closes; each counts {@code turnpike_requests_refused_total{reason=header-timeout|body-too-slow}} and
 * logs an access-log line.
 *
 * <p>One guard per connection, in two handlers: {@link #bytes()} before the HTTP decoder notices a head's first byte,
 * {@link #messages()} after it sees where heads and bodies end. Both run on the connection's event loop.
 */
final class SlowClientGuard {
    private static final long TICK_MILLIS = 1000;

    private final EdgeSettings edge;
    private final MeterRegistry registry;
    private final AccessLog accessLog;
    private ChannelHandlerContext ctx;
    private boolean awaitingHead = true;
    private ScheduledFuture<?> headDeadline;
    private ScheduledFuture<?> bodyTicks;
    private long bodyBytesThisTick;
    private long starvedMillis;

    SlowClientGuard(EdgeSettings edge, MeterRegistry registry, AccessLog accessLog) {
        this.edge = edge;
        this.registry = registry;
        this.accessLog = accessLog;
    }

    /** The handler to place before the HTTP decoder. */
    ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext context, Object msg) {
                if (awaitingHead && headDeadline == null && ctx != null && msg instanceof ByteBuf buf
                        && buf.isReadable()) {
                    headDeadline = context.executor().schedule(SlowClientGuard.this::headTimedOut,
                            edge.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                context.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext context) {
                stop();
                context.fireChannelInactive();
            }
        };
    }

    /** The handler to place right after the HTTP decoder. */
    ChannelInboundHandlerAdapter messages() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext context) {
                // Answers are written from here, so that the HTTP encoder (before this handler) encodes them.
                ctx = context;
            }

            @Override
            public void channelRead(ChannelHandlerContext context, Object msg) {
                if (msg instanceof HttpRequest request) {
                    awaitingHead = false;
                    cancelHeadDeadline();
                    // Not HttpUtil.getContentLength: the head is not checked yet and may carry a malformed value.
                    String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
                    boolean body = HttpUtil.isTransferEncodingChunked(request)
                            || length != null && !length.trim().equals("0");
                    if (edge.minBodyRate() > 0 && body && !(msg instanceof LastHttpContent)) {
                        startBody();
                    }
                }
                if (msg instanceof HttpContent content) {
                    bodyBytesThisTick += content.content().readableBytes();
                    if (msg instanceof LastHttpContent) {
                        stopBody();
                        awaitingHead = true;
                    }
                }
                context.fireChannelRead(msg);
            }
        };
    }

    private void startBody() {
        bodyBytesThisTick = 0;
        starvedMillis = 0;
        if (bodyTicks == null && ctx != null) {
            bodyTicks = ctx.executor().scheduleAtFixedRate(this::bodyTick, TICK_MILLIS, TICK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void bodyTick() {
        boolean reading = ctx.channel().config().isAutoRead();
        if (reading && bodyBytesThisTick * 1000 < edge.minBodyRate() * TICK_MILLIS) {
            starvedMillis += TICK_MILLIS;
        } else {
            starvedMillis = 0;
        }
        bodyBytesThisTick = 0;
        if (starvedMillis >= edge.bodyRateWindow().toMillis()) {
            stop();
            refuse("body-too-slow", "request body: under " + edge.minBodyRate() + " bytes/s for "
                    + edge.bodyRateWindow().toMillis() + " ms (expected: at least limits.minBodyRate)");
        }
    }

    private void headTimedOut() {
        headDeadline = null;
        if (awaitingHead && ctx.channel().isActive()) {
            stop();
            refuse("header-timeout", "request head: not complete within " + edge.headerTimeout().toMillis()
                    + " ms of its first byte (expected: limits.headerTimeout)");
        }
    }

    private void refuse(String reason, String detail) {
        Counter.builder("turnpike.requests.refused")
                .description("Requests refused at the door, by reason (docs/security.md)")
                .tag("reason", reason)
                .register(registry)
                .increment();
        String requestId = RequestIds.generate();
        accessLog.log(AccessLog.client(ctx.channel().remoteAddress()), "-", "-", 408, 0, 0, "none", "-", "-", requestId,
                "-");
        Object ops = ChannelOperations.get(ctx.channel());
        if (ops == null || ops instanceof HttpServerResponse response && !response.hasSentHeaders()) {
            if (ops instanceof HttpServerResponse response) {
                response.status(ProblemType.REQUEST_TIMEOUT.status());
            }
            ctx.writeAndFlush(ProblemResponder.fullResponse(new Problem(ProblemType.REQUEST_TIMEOUT, detail,
                    requestId))).addListener(LingeringClose.INSTANCE);
        } else {
            ctx.close();
        }
    }

    private void cancelHeadDeadline() {
        if (headDeadline != null) {
            headDeadline.cancel(false);
            headDeadline = null;
        }
    }

    private void stopBody() {
        if (bodyTicks != null) {
            bodyTicks.cancel(false);
            bodyTicks = null;
        }
    }

    private void stop() {
        cancelHeadDeadline();
        stopBody();
    }
}
