package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.EdgeSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the public listener's open connections: {@code limits.maxConnections} in all and
 * {@code limits.maxConnectionsPerClient} per client address (the TCP peer: connections are counted before any request
 * says more; trusted proxies are exempt from the per-address cap). A connection over a cap is closed as soon as it is
 * accepted, before anything is read, and counted in {@code turnpike_connections_refused_total{reason}}; the open ones
 * are the gauge {@code turnpike_connections_open}. Thread-safe: connections of every event loop share it.
 */
final class ConnectionLimits {
    private final EdgeSettings edge;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final Counter listenerFull;
    private final Counter clientFull;

    ConnectionLimits(EdgeSettings edge, MeterRegistry registry) {
        this.edge = edge;
        Gauge.builder("turnpike.connections.open", open, AtomicInteger::get)
                .description("Open connections on the public listener").register(registry);
        this.listenerFull = refused(registry, "listener-cap");
        this.clientFull = refused(registry, "client-cap");
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("turnpike.connections.refused").tag("reason", reason)
                .description("Connections closed on accept because a connection cap was reached").register(registry);
    }

    /** Admits {@code channel} or closes it; an admitted channel is counted until it closes. */
    void admit(Channel channel) {
        if (open.incrementAndGet() > edge.maxConnections()) {
            open.decrementAndGet();
            listenerFull.increment();
            channel.close();
            return;
        }
        InetAddress client = channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (client == null || edge.maxConnectionsPerClient() == 0 || edge.trusted(client)) {
            channel.closeFuture().addListener(f -> open.decrementAndGet());
            return;
        }
        int[] mine = new int[1];
        perClient.compute(client, (k, v) -> {
            AtomicInteger n = v == null ? new AtomicInteger() : v;
            mine[0] = n.incrementAndGet();
            return n;
        });
        if (mine[0] > edge.maxConnectionsPerClient()) {
            release(client);
            open.decrementAndGet();
            clientFull.increment();
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> {
            release(client);
            open.decrementAndGet();
        });
    }

    private void release(InetAddress client) {
        perClient.computeIfPresent(client, (k, v) -> v.decrementAndGet() == 0 ? null : v);
    }
}
