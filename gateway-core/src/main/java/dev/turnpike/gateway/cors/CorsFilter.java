package dev.turnpike.gateway.cors;

import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.server.RequestGuardFilter;
import dev.turnpike.gateway.upstream.UpstreamResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * CORS on the public listener, enforcing a {@link CorsPolicy}; right after the response writer, so every answer,
 * the gateway's own problems included, carries the headers. While the policy allows no origin the filter does
 * nothing (preflights and upstreams' {@code Access-Control-*} headers pass through as before). Otherwise the gateway
 * owns CORS:
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered here
 *       and never reaches routing, authentication or an upstream: 204 with {@code Access-Control-Allow-Origin},
 *       {@code -Allow-Methods}, {@code -Allow-Headers} (the requested ones) and {@code -Max-Age} when the policy
 *       allows it, else 403 {@code cors-refused} without CORS headers.</li>
 *   <li>Any other request from an allowed origin gets {@code Access-Control-Allow-Origin} (its origin) and
 *       {@code Access-Control-Expose-Headers: *}; from any other origin, or without one, none.</li>
 *   <li>Every answer carries {@code Vary: Origin}, and the upstream's own {@code Access-Control-*} headers are
 *       dropped, so a browser sees only the gateway's decision.</li>
 * </ul>
 *
 * <p>Thread-safe; the policy is read once per request from {@code policy}.
 */
public final class CorsFilter implements GatewayFilter {
    /** How long browsers may cache a preflight's answer: 10 minutes. */
    public static final int MAX_AGE_SECONDS = 600;
    private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    private static final String METHODS = String.join(", ", CorsPolicy.METHODS);
    private static final List<AsciiString> UPSTREAM_CORS_HEADERS = List.of(
            HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
            HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaderNames.ACCESS_CONTROL_MAX_AGE,
            AsciiString.cached("access-control-allow-private-network"));

    private final Supplier<CorsPolicy> policy;

    /** @param policy the current policy (the node completes it once the admin listener's port is bound) */
    public CorsFilter(Supplier<CorsPolicy> policy) {
        this.policy = policy;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        CorsPolicy p = policy.get();
        if (!p.enabled()) {
            return chain.next(ex);
        }
        HttpHeaders in = ex.request().requestHeaders();
        HttpHeaders out = ex.response().responseHeaders();
        String origin = in.get(HttpHeaderNames.ORIGIN);
        if (origin != null && ex.request().method().equals(HttpMethod.OPTIONS)
                && in.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)
                && ex.get(RequestGuardFilter.REFUSAL) == null) {
            return preflight(ex, p, origin, in, out);
        }
        out.add(HttpHeaderNames.VARY, "Origin");
        if (p.allows(origin)) {
            out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            out.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "*");
        }
        return chain.next(ex).doOnSuccess(done -> {
            UpstreamResponse upstream = ex.upstreamResponse();
            if (upstream != null) {
                UPSTREAM_CORS_HEADERS.forEach(upstream.headers()::remove);
            }
        });
    }

    private static Mono<Void> preflight(Exchange ex, CorsPolicy p, String origin, HttpHeaders in, HttpHeaders out) {
        String method = in.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        String requested = in.getAll(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS).isEmpty() ? null
                : String.join(",", in.getAll(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
        out.add(HttpHeaderNames.VARY, PREFLIGHT_VARY);
        Optional<String> refused = p.refusal(origin, method, requested);
        if (refused.isPresent()) {
            return ProblemResponder.send(ex, ProblemType.CORS_REFUSED, refused.get());
        }
        out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, Integer.toString(MAX_AGE_SECONDS));
        String names = requested == null ? "" : CorsPolicy.headerNames(requested);
        if (!names.isEmpty()) {
            out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, names);
        }
        return ex.response().status(HttpResponseStatus.NO_CONTENT).send();
    }
}
