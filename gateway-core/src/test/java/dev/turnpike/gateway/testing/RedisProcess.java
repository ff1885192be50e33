package dev.turnpike.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** A real redis-server on a free port, started and stopped by a test. */
public final class RedisProcess implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private RedisProcess(int port) {
        this.port = port;
    }

    /** Starts Redis on a port that was free a moment ago. */
    public static RedisProcess start() {
        RedisProcess redis = new RedisProcess(freePort());
        redis.restart();
        return redis;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills the server; clients see their connection drop. */
    public void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        try {
            server = new RedisServer(port);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
