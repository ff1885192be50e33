package dev.turnpike.gateway.problem;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every kind of error the gateway itself produces, with its stable {@code type} URI and status. Clients may rely on
 * the {@code type}: it never changes meaning.
 */
public enum ProblemType {
    /** The request line or framing could not be parsed. */
    MALFORMED_REQUEST("malformed-request", HttpResponseStatus.BAD_REQUEST, "Malformed request"),
    /** No API route matches host, method and path. */
    NO_ROUTE("no-route", HttpResponseStatus.NOT_FOUND, "No route"),
    /** The path matches a route, but not for this method. */
    METHOD_NOT_ALLOWED("method-not-allowed", HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    /** The API was retired. */
    API_RETIRED("api-retired", HttpResponseStatus.GONE, "API retired"),
    /** The API needs an API key and the request has no {@code X-Api-Key}. */
    MISSING_API_KEY("missing-api-key", HttpResponseStatus.UNAUTHORIZED, "API key missing"),
    /** The {@code X-Api-Key} is unknown, revoked or expired. */
    INVALID_API_KEY("invalid-api-key", HttpResponseStatus.UNAUTHORIZED, "API key not accepted"),
    /** A CORS preflight from an origin, or for a method or headers, the gateway does not allow (docs/security.md). */
    CORS_REFUSED("cors-refused", HttpResponseStatus.FORBIDDEN, "Cross-origin request refused"),
    /** The key is valid but its consumer is suspended. */
    CONSUMER_SUSPENDED("consumer-suspended", HttpResponseStatus.FORBIDDEN, "Consumer suspended"),
    /** The consumer has no subscription to this API. */
    NOT_SUBSCRIBED("not-subscribed", HttpResponseStatus.FORBIDDEN, "Not subscribed to this API"),
    /** The consumer's subscription does not allow direct (end-to-end) calls: the route lookup is refused. */
    DIRECT_NOT_ALLOWED("direct-not-allowed", HttpResponseStatus.FORBIDDEN, "Direct calls not allowed"),
    /** Too many invalid API keys came from this client address; it must wait before trying again. */
    TOO_MANY_INVALID_KEYS("too-many-invalid-keys", HttpResponseStatus.TOO_MANY_REQUESTS, "Too many invalid API keys"),
    /** The consumer's rate limit for this API is used up for now. */
    RATE_LIMITED("rate-limited", HttpResponseStatus.TOO_MANY_REQUESTS, "Rate limit exceeded"),
    /** The consumer's daily quota for this API is used up until the next quota day. */
    QUOTA_EXHAUSTED("quota-exhausted", HttpResponseStatus.TOO_MANY_REQUESTS, "Daily quota exhausted"),
    /** The shared limiter (Redis) is unavailable and the node is configured to fail closed. */
    LIMITER_UNAVAILABLE("limiter-unavailable", HttpResponseStatus.SERVICE_UNAVAILABLE, "Rate limiter unavailable"),
    /** The client sent its request head or body too slowly (limits.headerTimeout, limits.minBodyRate). */
    REQUEST_TIMEOUT("request-timeout", HttpResponseStatus.REQUEST_TIMEOUT, "Request timeout"),
    /** The request body is larger than the configured limit. */
    BODY_TOO_LARGE("body-too-large", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large"),
    /** The request line (URI) is longer than the configured limit. */
    URI_TOO_LONG("uri-too-long", HttpResponseStatus.REQUEST_URI_TOO_LONG, "Request URI too long"),
    /** The header block or the number of headers is over the configured limit. */
    HEADERS_TOO_LARGE("headers-too-large", HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "Request header fields too large"),
    /** The upstream refused, reset or broke the exchange. */
    UPSTREAM_FAILED("upstream-failed", HttpResponseStatus.BAD_GATEWAY, "Upstream failed"),
    /**
     * TLS towards the upstream failed: its certificate was not trusted or did not match, the handshake was refused, or
     * the pool's TLS files could not be loaded on this node.
     */
    UPSTREAM_TLS("upstream-tls", HttpResponseStatus.BAD_GATEWAY, "Upstream TLS failed"),
    /** Every instance of the chosen pool is ejected, or the pool's connection queue is full. */
    NO_HEALTHY_INSTANCE("no-healthy-instance", HttpResponseStatus.SERVICE_UNAVAILABLE, "No healthy upstream instance"),
    /** The upstream did not connect or answer in time. */
    UPSTREAM_TIMEOUT("upstream-timeout", HttpResponseStatus.GATEWAY_TIMEOUT, "Upstream timeout"),
    /** The API's circuit breaker towards the chosen pool is open: the upstream failed too often lately. */
    CIRCUIT_OPEN("circuit-open", HttpResponseStatus.SERVICE_UNAVAILABLE, "Circuit open"),
    /** The concurrency budget (bulkhead) of the API's criticality class is used up. */
    BULKHEAD_FULL("bulkhead-full", HttpResponseStatus.SERVICE_UNAVAILABLE, "Too many concurrent upstream calls"),
    /** The gateway or the pool is at its concurrency limit and sheds the request instead of queueing it. */
    OVERLOADED("overloaded", HttpResponseStatus.SERVICE_UNAVAILABLE, "Overloaded"),
    /** A required part of a composite endpoint failed; the detail names each failed part and why. */
    COMPOSITE_PART_FAILED("composite-part-failed", HttpResponseStatus.BAD_GATEWAY, "Composite part failed"),
    /** A batch call is malformed, has too many items or is too large; the detail names the item. */
    INVALID_BATCH("invalid-batch", HttpResponseStatus.BAD_REQUEST, "Invalid batch"),
    /** An admin request's body or parameters are invalid; the problem's {@code errors} name every field. */
    INVALID_REQUEST("invalid-request", HttpResponseStatus.BAD_REQUEST, "Invalid request"),
    /** An admin request without a known admin token. */
    ADMIN_AUTH_REQUIRED("admin-auth-required", HttpResponseStatus.UNAUTHORIZED, "Admin token required"),
    /** The admin token's role does not allow this request (a write with a read-only token). */
    ADMIN_FORBIDDEN("admin-forbidden", HttpResponseStatus.FORBIDDEN, "Not allowed for this admin token"),
    /** The catalog has no entity with that id. */
    NOT_FOUND("not-found", HttpResponseStatus.NOT_FOUND, "Not found"),
    /** The write conflicts with the catalog: a duplicate id, a base path in use, an entity still referenced. */
    CONFLICT("conflict", HttpResponseStatus.CONFLICT, "Conflict"),
    /** {@code If-Match} does not match the entity's current {@code ETag}: someone changed it meanwhile. */
    PRECONDITION_FAILED("precondition-failed", HttpResponseStatus.PRECONDITION_FAILED, "Precondition failed"),
    /** The request body's media type is not one the endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type"),
    /** The catalog store cannot be reached: nothing was changed. */
    STORE_UNAVAILABLE("store-unavailable", HttpResponseStatus.SERVICE_UNAVAILABLE, "Catalog store unavailable"),
    /** A fault in the gateway itself; logged with the request id. */
    INTERNAL_ERROR("internal-error", HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal gateway error");

    /** Prefix of every problem type URI. */
    public static final String BASE_URI = "https://turnpike.dev/problems/";

    private final String uri;
    private final HttpResponseStatus status;
    private final String title;

    ProblemType(String slug, HttpResponseStatus status, String title) {
        this.uri = BASE_URI + slug;
        this.status = status;
        this.title = title;
    }

    /** The stable type URI, e.g. {@code https://turnpike.dev/problems/no-route}. */
    public String uri() {
        return uri;
    }

    /** The HTTP status this problem is sent with. */
    public HttpResponseStatus status() {
        return status;
    }

    /** The last segment of the type URI, e.g. {@code no-route}. */
    public String slug() {
        return uri.substring(BASE_URI.length());
    }

    /** Short, human-readable summary; the same for every occurrence. */
    public String title() {
        return title;
    }
}
