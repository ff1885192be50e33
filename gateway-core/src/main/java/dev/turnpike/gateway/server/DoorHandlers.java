package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.EdgeSettings;
import dev.turnpike.gateway.observe.AccessLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import reactor.netty.NettyPipeline;

/**
 * Puts the public listener's per-connection guards into each accepted connection: the connection caps first, then,
 * on HTTP/1.1 connections, the {@link SlowClientGuard} around the decoder and the {@link DecodeFailureHandler} after
 * it. On a TLS connection the HTTP pipeline exists only once ALPN has chosen the protocol, so the guards go in after
 * the handshake; an HTTP/2 connection gets none of them (HTTP/2 frames are checked by Netty's HTTP/2 codec, and its
 * requests' targets by {@link RequestTarget} like every request's).
 */
final class DoorHandlers {
    private final EdgeSettings edge;
    private final ConnectionLimits connections;
    private final MeterRegistry registry;
    private final AccessLog accessLog;

    DoorHandlers(EdgeSettings edge, MeterRegistry registry, AccessLog accessLog) {
        this.edge = edge;
        this.connections = new ConnectionLimits(edge, registry);
        this.registry = registry;
        this.accessLog = accessLog;
    }

    /** For {@code HttpServer.doOnChannelInit}. */
    void init(Channel channel) {
        connections.admit(channel);
        if (!channel.isOpen()) {
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
            installHttp11(pipeline);
        } else if (pipeline.get(NettyPipeline.SslHandler) != null) {
            pipeline.addLast("turnpike.afterHandshake", new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof SslHandshakeCompletionEvent done) {
                        ctx.pipeline().remove(this);
                        if (done.isSuccess() && ctx.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                            installHttp11(ctx.pipeline());
                        }
                    }
                    ctx.fireUserEventTriggered(evt);
                }
            });
        }
    }

    private void installHttp11(ChannelPipeline pipeline) {
        ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
        if (codec == null) {
            return;
        }
        SlowClientGuard guard = new SlowClientGuard(edge, registry, accessLog);
        pipeline.addBefore(codec.name(), "turnpike.slowClient.bytes", guard.bytes());
        pipeline.addBefore(NettyPipeline.HttpTrafficHandler, "turnpike.slowClient.messages", guard.messages());
        pipeline.addBefore(NettyPipeline.HttpTrafficHandler, "turnpike.decodeFailure", new DecodeFailureHandler());
    }
}
