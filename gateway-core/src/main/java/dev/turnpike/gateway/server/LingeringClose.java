package dev.turnpike.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after a final answer without destroying that answer: "lingering close", as nginx does it.
 * Closing a TCP socket while the client is still sending (a slow body, the rest of a refused request) makes the
 * kernel answer the client's next bytes with a reset, and a reset makes the client's kernel drop the answer it has
 * not read yet. So once the answer is written, the gateway only shuts its sending side down (the client reads the
 * answer and then the end of the stream), throws away whatever still arrives, and closes when the client closes
 * or after {@link #LINGER_MILLIS}, whichever comes first.
 */
final class LingeringClose implements ChannelFutureListener {
    /** The longest a connection lingers after its final answer. */
    static final long LINGER_MILLIS = 2_000;

    static final LingeringClose INSTANCE = new LingeringClose();

    private LingeringClose() {
    }

    @Override
    public void operationComplete(ChannelFuture written) {
        Channel ch = written.channel();
        if (!written.isSuccess() || !(ch instanceof DuplexChannel duplex) || !ch.isActive()) {
            ch.close();
            return;
        }
        ch.pipeline().addFirst(Discard.INSTANCE);
        duplex.shutdownOutput().addListener(shut -> {
            if (shut.isSuccess()) {
                ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                ch.close();
            }
        });
    }

    /** First in the pipeline of a lingering connection: drops what arrives; the client's end of stream closes it. */
    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        static final Discard INSTANCE = new Discard();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
