package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.observe.GatewayMetrics;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.UpstreamPool;
import io.netty.channel.ChannelOption;
import io.netty.resolver.AddressResolverGroup;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
 * thread). Clients never follow redirects, never retry on their own and do not compress. A pool with TLS settings
 * gets its own {@link UpstreamTls} context, loaded when the client is built (a pool's clients are rebuilt when its TLS
 * settings change); files that do not load leave the pool's calls failing with {@link UpstreamTlsException}.
 *
 * <p>Thread-safe. {@link #get} is a map lookup; {@link #sync} runs on the control plane before a snapshot goes live.
 */
public final class UpstreamClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpstreamClients.class);

    /**
     * A pool's clients and what they were built from: one for the STANDARD APIs and one for the CRITICAL ones, each
     * with its own connection pools, so a flood towards STANDARD APIs cannot take the connections CRITICAL ones need.
     */
    public record PoolClient(UpstreamPool pool, ConnectionProvider provider, HttpClient http,
                             ConnectionProvider criticalProvider, HttpClient criticalHttp, String scheme,
                             Optional<String> tlsProblem) {

        /** The client for APIs of {@code criticality}. */
        public HttpClient http(Criticality criticality) {
            return criticality == Criticality.CRITICAL ? criticalHttp : http;
        }
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
                clients.put(pool.id(), new PoolClient(pool, existing.provider(), existing.http(),
                        existing.criticalProvider(), existing.criticalHttp(), existing.scheme(),
                        existing.tlsProblem()));
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
        return a.tls().equals(b.tls()) && a.settings().equals(b.settings());
    }

    private PoolClient create(UpstreamPool pool) {
        ConnectionProvider provider = provider(pool, "turnpike-" + pool.id(), pool.id());
        ConnectionProvider critical = provider(pool, "turnpike-critical-" + pool.id(), pool.id() + "/critical");
        log.info("Upstream pool {}: {} instance(s), max {} connections each (STANDARD and CRITICAL apart){}",
                pool.id(), pool.instances().size(), pool.settings().maxConnections(), pool.secure() ? ", TLS" : "");
        UpstreamTls tls = pool.tls().map(UpstreamTls::load).orElse(null);
        Optional<String> problem = tls == null ? Optional.empty() : tls.problem();
        problem.ifPresent(p -> log.error("Upstream pool {}: its TLS settings cannot be used on this node, every call"
                + " to it fails until they are fixed: {}", pool.id(), p));
        return new PoolClient(pool, provider, http(pool, provider, tls), critical, http(pool, critical, tls),
                pool.secure() ? "https://" : "http://", problem);
    }

    private ConnectionProvider provider(UpstreamPool pool, String name, String metricsName) {
        PoolSettings s = pool.settings();
        return ConnectionProvider.builder(name)
                .maxConnections(s.maxConnections())
                .pendingAcquireMaxCount(s.pendingAcquireMax())
                .pendingAcquireTimeout(s.connectTimeout())
                .maxIdleTime(s.maxIdleTime())
                .evictInBackground(s.maxIdleTime().dividedBy(2))
                .metrics(true, () -> metrics.connectionPoolRegistrar(metricsName))
                .build();
    }

    private HttpClient http(UpstreamPool pool, ConnectionProvider provider, UpstreamTls tls) {
        PoolSettings s = pool.settings();
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
        return tls == null ? http : tls.secure(http);
    }

    private static void retire(PoolClient client) {
        Duration grace = client.pool().settings().responseTimeout().plusSeconds(1);
        Mono.delay(grace).then(Mono.when(client.provider().disposeLater(), client.criticalProvider().disposeLater()))
                .subscribe(
                v -> { },
                e -> log.warn("Closing the connections of pool {} failed", client.pool().id(), e));
    }

    /** Closes every pool's connections. */
    @Override
    public void close() {
        clients.values().forEach(c -> Mono.when(c.provider().disposeLater(), c.criticalProvider().disposeLater())
                .block(Duration.ofSeconds(5)));
        clients.clear();
    }
}
