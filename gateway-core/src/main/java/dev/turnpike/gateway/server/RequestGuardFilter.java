package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Rejects requests the gateway will not forward, before any routing: an unusable request target (400), too many
 * header fields (431), several or invalid {@code Content-Length} values (400), a declared body over the limit (413).
 * Line and header-block sizes and framing errors are caught earlier, by the decoder ({@link DecodeFailureHandler}).
 * Answers that leave a body unread close the connection.
 */
public final class RequestGuardFilter implements GatewayFilter {
    private final NodeSettings.Limits limits;

    public RequestGuardFilter(NodeSettings.Limits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        if (ex.path().isEmpty()) {
            return reject(ex, ProblemType.MALFORMED_REQUEST, "request target: expected an absolute path such as /a/b?q");
        }
        HttpHeaders headers = ex.request().requestHeaders();
        if (headers.size() > limits.maxHeaders()) {
            return reject(ex, ProblemType.HEADERS_TOO_LARGE,
                    "headers: " + headers.size() + " fields (expected: at most " + limits.maxHeaders() + ")");
        }
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (!lengths.isEmpty()) {
            long length = contentLength(lengths);
            if (length < 0) {
                return reject(ex, ProblemType.MALFORMED_REQUEST,
                        "Content-Length: " + lengths + " (expected: one non-negative number)");
            }
            if (length > limits.maxBodySize()) {
                return reject(ex, ProblemType.BODY_TOO_LARGE,
                        "body: " + length + " bytes (expected: at most " + limits.maxBodySize() + ")");
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

    private static Mono<Void> reject(Exchange ex, ProblemType type, String detail) {
        return ProblemResponder.send(ex, type, detail, true);
    }
}
