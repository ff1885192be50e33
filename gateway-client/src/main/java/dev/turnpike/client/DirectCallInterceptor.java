package dev.turnpike.client;

import dev.turnpike.client.internal.DirectCaller;
import dev.turnpike.client.internal.DirectRoute;
import dev.turnpike.client.internal.PlanLimiter;
import dev.turnpike.client.internal.RoutingTable;
import dev.turnpike.client.internal.UsageReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The OkHttp application interceptor that turns a call aimed at the gateway into a direct call to an instance of
 * the API, when the caller may call that API directly; every other call goes to the gateway unchanged (with the
 * client's {@code X-Api-Key} added when the request has none).
 *
 * <p>For a request whose URL is under the gateway's URL and whose path is under the base path of an API in the
 * caller's routing: the caller's plan is checked first (a local 429 {@code application/problem+json} when it is used
 * up), then {@link DirectCaller} picks an instance, rewrites the URL ({@code https} for TLS pools, the API's upstream
 * base path), removes {@code X-Api-Key} and {@code Host}, sets {@code X-Consumer-Id}, and retries on other
 * instances as the API's retry policy allows. When no instance is available or every attempt failed without a
 * response (and the request may be sent again), the original request goes through the gateway instead. Direct calls
 * are counted for the usage report; calls through the gateway are counted by the gateway.
 *
 * <p>Add it with {@code OkHttpClient.Builder.addInterceptor} (an <em>application</em> interceptor: it may proceed
 * more than once). Obtain it from {@link TurnpikeClient#interceptor()}. Thread-safe.
 */
public final class DirectCallInterceptor implements Interceptor {
    private static final MediaType PROBLEM = MediaType.get("application/problem+json");

    private final HttpUrl gateway;
    private final String gatewayPrefix;
    private final String apiKey;
    private final AtomicReference<RoutingTable> routing;
    private final DirectCaller caller;
    private final PlanLimiter limiter;
    private final UsageReporter usage;
    private final ClientMetrics metrics;

    DirectCallInterceptor(HttpUrl gateway, String apiKey, AtomicReference<RoutingTable> routing, DirectCaller caller,
                          PlanLimiter limiter, UsageReporter usage, ClientMetrics metrics) {
        this.gateway = gateway;
        String prefix = gateway.encodedPath();
        this.gatewayPrefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.apiKey = apiKey;
        this.routing = routing;
        this.caller = caller;
        this.limiter = limiter;
        this.usage = usage;
        this.metrics = metrics;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        if (!isForGateway(url)) {
            return chain.proceed(request);
        }
        long start = System.nanoTime();
        String path = url.encodedPath().substring(gatewayPrefix.length());
        RoutingTable table = routing.get();
        if (!table.known()) {
            return viaGateway(chain, request, "unknown", ClientMetrics.Fallback.NO_ROUTING, start);
        }
        String host = request.header("Host");
        DirectRoute route = table.match(host == null ? url.host() : stripPort(host), path);
        if (route == null || path.startsWith("/_turnpike/")) {
            return viaGateway(chain, request, "unknown", ClientMetrics.Fallback.NOT_DIRECT, start);
        }
        String api = route.api().id();
        PlanLimiter.Refusal refusal = limiter.tryAcquire(api, route.api().plan());
        if (refusal != null) {
            metrics.limited(api, refusal.reason());
            return tooManyRequests(request, api, refusal);
        }
        DirectCaller.Outcome outcome;
        try {
            outcome = caller.call(chain, route, request, path, table.consumer());
        } catch (IOException | RuntimeException e) {
            usage.record(api, true);
            metrics.direct(api, 0, System.nanoTime() - start);
            throw e;
        }
        if (outcome instanceof DirectCaller.Answered answered) {
            Response response = answered.response();
            usage.record(api, response.code() >= 500);
            metrics.direct(api, response.code(), System.nanoTime() - start);
            return response;
        }
        return viaGateway(chain, request, api, ClientMetrics.Fallback.INSTANCES_FAILED, start);
    }

    private boolean isForGateway(HttpUrl url) {
        return url.port() == gateway.port() && url.host().equalsIgnoreCase(gateway.host())
                && url.scheme().equals(gateway.scheme()) && url.encodedPath().startsWith(gatewayPrefix)
                && (url.encodedPath().length() == gatewayPrefix.length()
                    || url.encodedPath().charAt(gatewayPrefix.length()) == '/');
    }

    private Response viaGateway(Chain chain, Request request, String api, ClientMetrics.Fallback reason, long start)
            throws IOException {
        Request out = request.header("X-Api-Key") == null
                ? request.newBuilder().header("X-Api-Key", apiKey).build() : request;
        try {
            return chain.proceed(out);
        } finally {
            metrics.viaGateway(api, reason, System.nanoTime() - start);
        }
    }

    private static Response tooManyRequests(Request request, String api, PlanLimiter.Refusal refusal) {
        boolean quota = refusal.reason().equals("quota");
        String type = quota ? "quota-exhausted" : "rate-limited";
        String detail = (quota ? "The daily quota" : "The rate limit") + " of this client's plan for API " + api
                + " is used up; retry in " + refusal.retryAfterSeconds() + " s";
        String body = "{\"type\":\"https://turnpike.dev/problems/" + type + "\",\"title\":\""
                + (quota ? "Daily quota exhausted" : "Rate limit exceeded") + "\",\"status\":429,\"detail\":\""
                + detail + "\"}";
        return new Response.Builder()
                .request(request)
                .protocol(Protocol.HTTP_1_1)
                .code(429)
                .message("Too Many Requests")
                .header("Retry-After", Long.toString(refusal.retryAfterSeconds()))
                .header("Cache-Control", "no-store")
                .body(ResponseBody.create(body.getBytes(StandardCharsets.UTF_8), PROBLEM))
                .build();
    }

    private static String stripPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }
}
