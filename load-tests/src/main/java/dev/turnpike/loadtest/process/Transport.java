package dev.turnpike.loadtest.process;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Netty transport for the stub and the load client: native epoll when available (microsecond timers, which the
 * fixed-rate client needs to send on time), NIO otherwise.
 */
public enum Transport {
    EPOLL, NIO;

    /** Epoll if its native library loads here, else NIO. */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** An event loop group of {@code threads} threads. */
    public EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads,
                this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The client socket channel class. */
    public Class<? extends Channel> socket() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server socket channel class. */
    public Class<? extends ServerChannel> serverSocket() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
