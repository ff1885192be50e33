package dev.turnpike.client.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.turnpike.client.ApiRouting;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Makes one call directly to an instance of an API: picks the instance, rewrites the request, and tries again on
 * another instance when the attempt fails in a way the API's retry policy (or, always, a refused connection) allows.
 * Per-instance circuit breakers (resilience4j) take failing instances out of the choice; their state lives in a
 * bounded Caffeine cache, so instances that leave the routing are forgotten after an hour without calls.
 * Thread-safe.
 */
public final class DirectCaller {
    /** Tries in total when the API has no retry policy: only refused connections are tried again. */
    static final int DEFAULT_ATTEMPTS = 3;

    private final Cache<String, InstanceState> instances = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofHours(1)).build();

    /** The outcome of a direct call. */
    public sealed interface Outcome {
    }

    /** An instance answered (any status). */
    public record Answered(Response response) implements Outcome {
    }

    /** No instance could be used, or every attempt failed in a way that may be sent to the gateway instead. */
    public record Unavailable(IOException lastError) implements Outcome {
    }

    /**
     * Calls {@code route}'s API directly.
     *
     * @param chain      the OkHttp chain to proceed on
     * @param route      the API the request is for
     * @param request    the request as aimed at the gateway
     * @param gatewayPath the request's path on the gateway (decoded form as OkHttp keeps it encoded)
     * @param consumer   the caller's consumer id, sent as {@code X-Consumer-Id}
     * @throws IOException when an attempt that may have reached an instance failed and the method may not be sent
     *                     again (the caller must not repeat it through the gateway)
     */
    public Outcome call(Interceptor.Chain chain, DirectRoute route, Request request, String gatewayPath,
                        String consumer) throws IOException {
        ApiRouting api = route.api();
        ApiRouting.RetryRules rules = api.retry();
        String method = request.method();
        boolean replayable = request.body() == null || !request.body().isOneShot();
        boolean mayRepeat = replayable && rules != null && rules.methods().contains(method);
        int attempts = !replayable ? 1 : rules == null ? DEFAULT_ATTEMPTS : Math.max(1, rules.attempts());
        Set<ApiRouting.InstanceRouting> tried = new HashSet<>();
        Interceptor.Chain timed = api.timeoutMillis() == null ? chain
                : chain.withReadTimeout(api.timeoutMillis().intValue(), TimeUnit.MILLISECONDS);
        CheckedSupplier<Response> attempt = () -> attempt(timed, route, request, gatewayPath, consumer, tried);
        try {
            return new Answered(route.retry(attempts, mayRepeat).executeCheckedSupplier(attempt));
        } catch (AttemptFailure f) {
            if (!f.wasSent() || mayRepeat) {
                return new Unavailable(f.transportError());
            }
            throw f.transportError();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("direct call failed", t);
        }
    }

    private Response attempt(Interceptor.Chain chain, DirectRoute route, Request request, String gatewayPath,
                             String consumer, Set<ApiRouting.InstanceRouting> tried) throws IOException {
        String apiId = route.api().id();
        Upstream upstream = route.pick(in -> state(route, in), tried);
        if (upstream == null) {
            throw AttemptFailure.notSent("no instance of API " + apiId + " is available", null);
        }
        tried.add(upstream.instance());
        CircuitBreaker breaker = upstream.state().breaker();
        if (!breaker.tryAcquirePermission()) {
            throw AttemptFailure.notSent("circuit breaker of " + upstream.instance().address() + " is open", null);
        }
        upstream.state().onStart();
        long start = breaker.getCurrentTimestamp();
        try {
            Response response = chain.proceed(rewrite(request, route, upstream, gatewayPath, consumer));
            long took = breaker.getCurrentTimestamp() - start;
            if (response.code() >= 500) {
                breaker.onError(took, breaker.getTimestampUnit(), new IOException("status " + response.code()));
            } else {
                breaker.onSuccess(took, breaker.getTimestampUnit());
            }
            return response;
        } catch (IOException e) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            if (chain.call().isCanceled()) {
                throw e;
            }
            throw isConnectFailure(e) ? AttemptFailure.notSent(e.getMessage(), e) : AttemptFailure.sent(e.getMessage(), e);
        } finally {
            upstream.state().onEnd();
        }
    }

    private InstanceState state(DirectRoute route, ApiRouting.InstanceRouting in) {
        String key = route.api().id() + ' ' + in.address();
        return instances.get(key, k -> new InstanceState(CircuitBreaker.of(k, route.breakerConfig())));
    }

    private static Request rewrite(Request request, DirectRoute route, Upstream upstream, String gatewayPath,
                                   String consumer) {
        HttpUrl gatewayUrl = request.url();
        HttpUrl.Builder url = new HttpUrl.Builder()
                .scheme(upstream.pool().tls() ? "https" : "http")
                .host(upstream.instance().host())
                .port(upstream.instance().port())
                .encodedPath(route.upstreamPath(gatewayPath))
                .encodedQuery(gatewayUrl.encodedQuery());
        Request.Builder out = request.newBuilder().url(url.build())
                .removeHeader("X-Api-Key")
                .removeHeader("Host");
        if (consumer != null) {
            out.header("X-Consumer-Id", consumer);
        }
        return out.build();
    }

    private static boolean isConnectFailure(IOException e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException) {
            return true;
        }
        return e instanceof InterruptedIOException && e.getMessage() != null && e.getMessage().contains("connect");
    }
}
