package dev.turnpike.throttling.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

/**
 * One Lettuce client and connection to Redis, connected in the background.
 *
 * <p>Never blocks its callers: {@link #commands()} answers {@code null} until connected. A first connect that
 * fails is retried in the background at most once per second, when a caller asks; once connected, Lettuce
 * reconnects by itself and rejects commands while disconnected (rather than queueing them), so callers fail fast
 * into their failure policy. Thread-safe.
 */
final class RedisConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
    private static final long RETRY_MILLIS = 1000;

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private volatile long lastAttemptMillis;
    private volatile boolean closed;

    RedisConnection(String redisUri, Duration commandTimeout, int maxPendingCalls) {
        this.uri = RedisURI.create(redisUri);
        // Reconnect attempts back off to at most 1 s (Lettuce's default is 30 s): limits recover soon after Redis.
        // One connection is served by one I/O thread anyway; more threads would only idle.
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(maxPendingCalls)
                // Besides the caller's own timeout: completes stuck commands so they leave Lettuce's queue.
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        connect();
    }

    /** The commands of the live connection, or {@code null} while there is none (a reconnect may be started). */
    RedisAsyncCommands<String, String> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        StatefulRedisConnection<String, String> live = current.getNow(null);
        if (live != null) {
            return live.async();
        }
        if (current.isCompletedExceptionally() && !closed
                && System.currentTimeMillis() - lastAttemptMillis >= RETRY_MILLIS) {
            // Resolving the address may read /etc/hosts or ask DNS: not on the caller's (event loop) thread.
            Schedulers.boundedElastic().schedule(this::connect);
        }
        return null;
    }

    private synchronized void connect() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (closed || (current != null && !current.isCompletedExceptionally())) {
            return;
        }
        lastAttemptMillis = System.currentTimeMillis();
        CompletableFuture<StatefulRedisConnection<String, String>> attempt =
                client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        attempt.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("Redis at {} is unreachable; cluster limits use the failure policy: {}",
                        uri.getHost() + ":" + uri.getPort(), error.toString());
            }
        });
        connection.set(attempt);
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        StatefulRedisConnection<String, String> live = current == null ? null : current.getNow(null);
        if (live != null) {
            live.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
