package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.catalog.CatalogSync;
import dev.turnpike.gateway.egress.UpstreamAddressPolicy;
import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.gateway.server.RequestIds;
import dev.turnpike.registry.store.AdminToken;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The admin REST API under {@code /admin/v1} on the admin listener: CRUD of teams, APIs (with their OpenAPI
 * documents and operations), pools, consumers, subscriptions and keys, the audit log, the presented token's name and
 * role ({@code /admin/v1/whoami}), and its own description at {@code /admin/v1/openapi.json}.
 * {@code docs/admin-api.md} documents every endpoint.
 *
 * <p>Every request needs {@code Authorization: Bearer <token>} ({@link AdminTokens}); read-only tokens may only
 * GET. Authentication, routing (404, 405) and body limits (413) are decided on the event loop; the handler then
 * runs on {@link Schedulers#boundedElastic()}, since parsing documents and store I/O block. Every error is a
 * problem+json response.
 *
 * <p>Thread-safe.
 */
public final class AdminApi {
    /** Where the API is mounted. */
    public static final String PREFIX = "/admin/v1";
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final AdminRouter router = new AdminRouter();
    private final AdminTokens tokens;

    /**
     * An admin API over the node's live catalog ({@code routing}) and its store ({@code sync}); usage days are
     * counted in {@code usageZone}; OpenAPI documents of up to {@code maxSpecSize} UTF-8 bytes are accepted;
     * {@code circuitStates} gives the circuit breaker states of an API id (pool id to state name) for
     * {@code GET /apis/{id}/circuits}; pools written are checked against {@code upstreams} (the SSRF guard).
     */
    public AdminApi(RoutingState routing, CatalogSync sync, AdminTokens tokens, Clock clock, ZoneId usageZone,
                    long maxSpecSize, Function<String, Map<String, String>> circuitStates,
                    UpstreamAddressPolicy upstreams) {
        this.tokens = tokens;
        CatalogWrites writes = new CatalogWrites(routing, sync, upstreams);
        new EntityResource<>(EntityKinds.teams(), writes).register(router);
        // An API embeds its document, escaped in JSON (up to twice as long).
        new EntityResource<>(EntityKinds.apis(maxSpecSize), writes,
                Math.max(EntityResource.BODY_LIMIT, 2 * maxSpecSize + EntityResource.BODY_LIMIT)).register(router);
        new ApiSpecResource(writes, maxSpecSize).register(router);
        new EntityResource<>(EntityKinds.pools(), writes).register(router);
        new PoolHealthResource(routing, clock).register(router);
        new EntityResource<>(EntityKinds.consumers(), writes).register(router);
        new EntityResource<>(EntityKinds.composites(), writes).register(router);
        new SubscriptionResource(writes).register(router);
        new KeyResource(writes).register(router);
        new AuditResource(writes).register(router);
        new CatalogResource(writes, maxSpecSize).register(router);
        new UsageResource(writes, clock, usageZone).register(router);
        router.add("GET", "/whoami", 0, r -> AdminResponse.json(HttpResponseStatus.OK,
                Map.of("name", r.token().name(), "role", r.token().role().text())));
        new CircuitResource(routing, circuitStates).register(router);
        byte[] description = resource("/dev/turnpike/gateway/admin/openapi.json");
        router.add("GET", "/openapi.json", 0, r -> new AdminResponse(HttpResponseStatus.OK,
                AdminResponse.JSON_TYPE, description, Map.of()));
    }

    /** Whether {@code request} is for this API (its path is under {@link #PREFIX}). */
    public boolean handles(HttpServerRequest request) {
        String path = new QueryStringDecoder(request.uri()).rawPath();
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Every served method and path template (below {@link #PREFIX}), for the self-description test. */
    public List<String> routes() {
        return router.routes().stream().map(r -> r.method() + " " + r.template()).toList();
    }

    /** Answers one admin request. */
    public Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String requestId = RequestIds.accept(request.requestHeaders().get("X-Request-Id"));
        response.header("X-Request-Id", requestId).header(HttpHeaderNames.CACHE_CONTROL, "no-store");
        boolean hasBody = request.requestHeaders().contains(HttpHeaderNames.TRANSFER_ENCODING)
                || contentLength(request) > 0;
        AtomicBoolean bodyRead = new AtomicBoolean();
        return tokens.authenticateLater(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))
                .flatMap(token -> dispatch(request, response, token, bodyRead))
                .onErrorResume(AdminProblem.class, p -> {
                    boolean close = p.type() == ProblemType.BODY_TOO_LARGE || (hasBody && !bodyRead.get());
                    // Closing with unread request bytes makes the kernel send RST, which can destroy the answer
                    // before the client reads it: discard what the client still sends (bounded), then answer.
                    return (close ? drain(request) : Mono.<Void>empty()).then(problem(response, p, requestId, close));
                })
                .onErrorResume(e -> !(e instanceof AdminProblem), e -> {
                    // A fault, not an answer: logged once, here, with its stack; never reported as the store's.
                    log.error("Admin request {} {} failed (request id {})", request.method(), request.uri(),
                            requestId, e);
                    if (response.hasSentHeaders()) {
                        return Mono.empty();
                    }
                    return problem(response, new AdminProblem(ProblemType.INTERNAL_ERROR,
                            "The admin request failed; the log has request id " + requestId), requestId,
                            hasBody && !bodyRead.get());
                });
    }

    /** Routes an authenticated request; throws {@link AdminProblem} for what is decided before the body is read. */
    private Mono<Void> dispatch(HttpServerRequest request, HttpServerResponse response, AdminToken token,
                                AtomicBoolean bodyRead) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String rest = uri.rawPath().substring(PREFIX.length());
        String[] segments = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = QueryStringDecoder.decodeComponent(segments[i]);
        }
        String method = request.method().name();
        AdminRouter.Match match = router.match(method, segments);
        if (match.route() == null) {
            if (match.allowed().isEmpty()) {
                throw new AdminProblem(ProblemType.NO_ROUTE, "No admin endpoint " + method + " " + uri.rawPath());
            }
            throw new AdminProblem(ProblemType.METHOD_NOT_ALLOWED, method + " " + uri.rawPath()
                    + " (expected: one of " + String.join(", ", match.allowed()) + ")", List.of(),
                    Map.of("Allow", String.join(", ", match.allowed())));
        }
        AdminRouter.Route route = match.route();
        if (route.writes() && token.role() != AdminToken.Role.ADMIN) {
            throw new AdminProblem(ProblemType.ADMIN_FORBIDDEN, "Admin token \"" + token.name() + "\" is "
                    + token.role().text() + " (expected: an admin token for " + method + ")");
        }
        if (route.bodyLimit() > 0 && contentLength(request) > route.bodyLimit()) {
            throw tooLarge(route.bodyLimit());
        }
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        String ifMatch = request.requestHeaders().get(HttpHeaderNames.IF_MATCH);
        return body(request, route.bodyLimit())
                .doOnSuccess(bytes -> bodyRead.set(true))
                .publishOn(Schedulers.boundedElastic())
                .map(bytes -> route.handler().handle(new AdminRequest(method, uri.rawPath(), match.params(),
                        uri.parameters(), contentType, ifMatch, bytes, token)))
                .flatMap(answer -> send(response, answer));
    }

    private static Mono<byte[]> body(HttpServerRequest request, long limit) {
        if (limit == 0) {
            return request.receive().then(Mono.just(new byte[0]));
        }
        return request.receive().asByteArray()
                .reduceWith(ByteArrayOutputStream::new, (out, bytes) -> {
                    if (out.size() + (long) bytes.length > limit) {
                        throw tooLarge(limit);
                    }
                    out.write(bytes, 0, bytes.length);
                    return out;
                })
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    /** Reads and discards up to {@value #DRAIN_LIMIT} bytes of a body that will not be used. */
    private static Mono<Void> drain(HttpServerRequest request) {
        AtomicLong seen = new AtomicLong();
        return request.receive().takeUntil(b -> seen.addAndGet(b.readableBytes()) > DRAIN_LIMIT).then()
                .onErrorResume(e -> Mono.empty()); // e.g. the body was already partly read and refused
    }

    private static AdminProblem tooLarge(long limit) {
        return new AdminProblem(ProblemType.BODY_TOO_LARGE, "The request body is larger than " + limit
                + " bytes (expected: at most " + limit + " bytes for this endpoint)");
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Mono<Void> send(HttpServerResponse response, AdminResponse answer) {
        response.status(answer.status());
        answer.headers().forEach(response::header);
        if (answer.contentType() == null) {
            return response.send().then();
        }
        return response.header(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.body().length))
                .sendByteArray(Mono.just(answer.body())).then();
    }

    private static Mono<Void> problem(HttpServerResponse response, AdminProblem p, String requestId, boolean close) {
        p.headers().forEach(response::header);
        return ProblemResponder.send(response, new Problem(p.type(), p.getMessage(), requestId, p.errors()), close);
    }

    private static byte[] resource(String name) {
        try (InputStream in = AdminApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
