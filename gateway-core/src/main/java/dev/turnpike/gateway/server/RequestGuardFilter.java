package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.pipeline.ContextKey;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.RoutingState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Answers requests refused at the door and rejects those the gateway will not forward, before any routing: a
 * {@link Refusal} found by the decoder, {@link RequestHeadPolicy} or {@link RequestTarget} (400, 414, 431), a path
 * with an encoded slash unless it routes to an API that passes them (400; the route is looked up here for those
 * requests only), too many header fields (431), several or invalid {@code Content-Length} values (400), a declared
 * body over the limit (413).
 * Every refusal closes the connection after its problem and counts {@code turnpike_requests_refused_total{reason}};
 * the access-log line and the request meter come from the observe filter before this one.
 */
public final class RequestGuardFilter implements GatewayFilter {
    /** The refusal the server found before the filters ran; absent for requests that may pass. */
    public static final ContextKey<Refusal> REFUSAL = ContextKey.named("refusal");
    /** Present (true) when the request's path has an encoded slash or backslash ({@link RequestTarget#encodedSlash}). */
    public static final ContextKey<Boolean> ENCODED_SLASH = ContextKey.named("encoded-slash");

    private final NodeSettings.Limits limits;
    private final MeterRegistry registry;
    private final RoutingState routing;

    /**
     * @param registry where {@code turnpike.requests.refused} is counted, by reason
     * @param routing  the live routes, to tell whether a path with an encoded slash goes to an API that passes them
     */
    public RequestGuardFilter(NodeSettings.Limits limits, MeterRegistry registry, RoutingState routing) {
        this.limits = limits;
        this.registry = registry;
        this.routing = routing;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        Refusal refusal = ex.get(REFUSAL);
        if (refusal != null) {
            return refuse(ex, refusal);
        }
        if (ex.get(ENCODED_SLASH) != null && !routing.current().passesEncodedSlashes(ex.host(),
                ex.request().method().name(), ex.path())) {
            return refuse(ex, RequestTarget.ENCODED_SLASH);
        }
        HttpHeaders headers = ex.request().requestHeaders();
        if (headers.size() > limits.maxHeaders()) {
            return refuse(ex, new Refusal("too-many-fields", ProblemType.HEADERS_TOO_LARGE,
                    "headers: " + headers.size() + " fields (expected: at most " + limits.maxHeaders() + ")"));
        }
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (!lengths.isEmpty()) {
            long length = contentLength(lengths);
            if (length < 0) {
                return refuse(ex, Refusal.malformed("content-length",
                        "Content-Length: " + lengths + " (expected: one non-negative number)"));
            }
            if (length > limits.maxBodySize()) {
                return refuse(ex, new Refusal("body-too-large", ProblemType.BODY_TOO_LARGE,
                        "body: " + length + " bytes (expected: at most " + limits.maxBodySize() + ")"));
            }
        }
        return chain.next(ex);
    }

    private static long contentLength(List<String> values) {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",")) {
                long n;
                try {
                    n = Long.parseLong(part.trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
                if (n < 0 || (length >= 0 && n != length)) {
                    return -1;
                }
                length = n;
            }
        }
        return length;
    }

    private Mono<Void> refuse(Exchange ex, Refusal refusal) {
        Counter.builder("turnpike.requests.refused")
                .description("Requests refused at the door, by reason (docs/security.md)")
                .tag("reason", refusal.reason())
                .register(registry)
                .increment();
        return ProblemResponder.send(ex, refusal.type(), refusal.detail(), true);
    }
}
