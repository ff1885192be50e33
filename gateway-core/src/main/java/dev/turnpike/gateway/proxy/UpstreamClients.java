package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.observe.GatewayMetrics;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.UpstreamPool;
import io.netty.channel.ChannelOption;
import io.netty.resolver.AddressResolverGroup;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * One Reactor Netty {@link HttpClient} with its own bounded {@link ConnectionProvider} per upstream pool, created
 * and replaced as pools appear and change, on the node's shared event loops (so a proxied exchange stays on one
 * thread). Clients never follow redirects, never retry on their own and do not compress.
 *
 * <p>Thread-safe. {@link #get} is a map lookup; {@link #sync} runs on the control plane before a snapshot goes live.
 */
public final class UpstreamClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpstreamClients.class);

    /** A pool's client and what it was built from. */
    public record PoolClient(UpstreamPool pool, ConnectionProvider provider, HttpClient http, String scheme) {
    }

    private final LoopResources loops;
    private final GatewayMetrics metrics;
    private final int maxResponseHeaderSize;
    private final Map<String, PoolClient> clients = new ConcurrentHashMap<>();
    private final AddressResolverGroup<?> resolver;

    /** Clients on {@code loops} that resolve instance addresses with {@code resolver} (which the caller closes). */
    public UpstreamClients(LoopResources loops, GatewayMetrics metrics, int maxResponseHeaderSize,
                           AddressResolverGroup<?> resolver) {
        this.loops = loops;
        this.resolver = resolver;
        this.metrics = metrics;
        this.maxResponseHeaderSize = maxResponseHeaderSize;
    }

    /** The client of pool {@code id}, or {@code null} if the pool is unknown. */
    public PoolClient get(String id) {
        return clients.get(id);
    }

    /**
     * Makes the clients match {@code snapshot}'s pools: creates clients for new pools, replaces those whose settings
     * changed, and closes removed ones once their in-flight exchanges had time to finish.
     */
    public void sync(RoutingSnapshot snapshot) {
        for (PoolRuntime runtime : snapshot.pools().values()) {
            UpstreamPool pool = runtime.pool();
            PoolClient existing = clients.get(pool.id());
            if (existing == null || !sameConnectionConfig(existing.pool(), pool)) {
                PoolClient created = create(pool);
                clients.put(pool.id(), created);
                if (existing != null) {
                    retire(existing);
                }
            } else if (!existing.pool().equals(pool)) {
                clients.put(pool.id(), new PoolClient(pool, existing.provider(), existing.http(), existing.scheme()));
            }
        }
        clients.entrySet().removeIf(e -> {
            if (snapshot.pool(e.getKey()) == null) {
                retire(e.getValue());
                return true;
            }
            return false;
        });
    }

    private static boolean sameConnectionConfig(UpstreamPool a, UpstreamPool b) {
        return a.tls() == b.tls() && a.settings().equals(b.settings());
    }

    private PoolClient create(UpstreamPool pool) {
        PoolSettings s = pool.settings();
        ConnectionProvider provider = ConnectionProvider.builder("turnpike-" + pool.id())
                .maxConnections(s.maxConnections())
                .pendingAcquireMaxCount(s.pendingAcquireMax())
                .pendingAcquireTimeout(s.connectTimeout())
                .maxIdleTime(s.maxIdleTime())
                .evictInBackground(s.maxIdleTime().dividedBy(2))
                .metrics(true, () -> metrics.connectionPoolRegistrar(pool.id()))
                .build();
        HttpClient http = HttpClient.create(provider)
                .runOn(loops)
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, s.connectTimeout().toMillis()))
                .responseTimeout(s.responseTimeout())
                .followRedirect(false)
                .disableRetry(true)
                .compress(false)
                .keepAlive(true)
                .httpResponseDecoder(spec -> spec.maxHeaderSize(maxResponseHeaderSize));
        if (pool.tls()) {
            http = http.secure();
        }
        log.info("Upstream pool {}: {} instance(s), max {} connections each", pool.id(), pool.instances().size(),
                s.maxConnections());
        return new PoolClient(pool, provider, http, pool.tls() ? "https://" : "http://");
    }

    private static void retire(PoolClient client) {
        Duration grace = client.pool().settings().responseTimeout().plusSeconds(1);
        Mono.delay(grace).then(client.provider().disposeLater()).subscribe(
                v -> { },
                e -> log.warn("Closing the connections of pool {} failed", client.pool().id(), e));
    }

    /** Closes every pool's connections. */
    @Override
    public void close() {
        clients.values().forEach(c -> c.provider().disposeLater().block(Duration.ofSeconds(5)));
        clients.clear();
    }
}
