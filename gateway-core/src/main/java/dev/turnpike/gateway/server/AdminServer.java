package dev.turnpike.gateway.server;

import dev.turnpike.gateway.admin.AdminApi;
import dev.turnpike.gateway.catalog.CatalogSync;
import dev.turnpike.gateway.observe.GatewayMetrics;
import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.gateway.webui.WebUi;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Routes of the admin listener: {@code GET /health/live} (the process answers), {@code GET /health/ready} (200 once
 * a catalog snapshot is live, 503 before; its body says whether the catalog store is {@code UP} or {@code DEGRADED}),
 * {@code GET /metrics} (Prometheus text), open to anyone who reaches the listener; the admin REST API under
 * {@code /admin/v1} ({@link AdminApi}, token required); the web catalog under {@code /ui/} ({@link WebUi}; its pages
 * ask for a token and use the admin API), to which {@code /} redirects. Anything else is a 404 problem.
 */
final class AdminServer {
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final RoutingState routing;
    private final CatalogSync sync;
    private final GatewayMetrics metrics;

    private final AdminApi api;
    private final int maxHeaders;
    private final WebUi ui;

    /** With {@code maxHeaders}, the public listener's limit on header fields (more gets 431). */
    AdminServer(RoutingState routing, CatalogSync sync, GatewayMetrics metrics, AdminApi api, WebUi ui,
                int maxHeaders) {
        this.maxHeaders = maxHeaders;
        this.routing = routing;
        this.sync = sync;
        this.metrics = metrics;
        this.api = api;
        this.ui = ui;
    }

    void routes(HttpServerRoutes routes) {
        routes.route(req -> req.requestHeaders().contains(DecodeFailureHandler.REFUSAL), this::refused)
                .route(req -> req.requestHeaders().size() > maxHeaders, this::tooManyHeaders)
                .get("/health/live", (req, res) -> json(res, HttpResponseStatus.OK, "{\"status\":\"UP\"}"))
                .get("/health/ready", (req, res) -> ready(res))
                .get("/metrics", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, PROMETHEUS_TYPE)
                        .sendString(Mono.fromSupplier(metrics::scrape), StandardCharsets.UTF_8))
                .route(api::handles, api::handle)
                .route(ui::handles, ui::handle)
                .get("/", (req, res) -> res.status(HttpResponseStatus.FOUND)
                        .header(HttpHeaderNames.LOCATION, WebUi.PREFIX + "/").send())
                .route(req -> true, this::notFound);
    }

    private Mono<Void> ready(HttpServerResponse res) {
        if (routing.isLoaded()) {
            // Serving from the last good snapshot is still ready; the store's state is reported for operators.
            CatalogSync.Status store = sync.status();
            return json(res, HttpResponseStatus.OK, "{\"status\":\"UP\",\"catalogVersion\":"
                    + routing.current().version() + ",\"store\":\"" + (store.degraded() ? "DEGRADED" : "UP") + "\"}");
        }
        return json(res, HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"status\":\"DOWN\",\"reason\":\"no catalog snapshot is live yet\"}");
    }

    /** A head {@link DecodeFailureHandler} refused (malformed, too long): its problem, and the connection closes. */
    private Mono<Void> refused(HttpServerRequest req, HttpServerResponse res) {
        Refusal refusal = DecodeFailureHandler.refusalOf(req.requestHeaders().get(DecodeFailureHandler.REFUSAL));
        String requestId = RequestIds.generate();
        res.header(GatewayHandler.X_REQUEST_ID, requestId);
        return ProblemResponder.send(res, new Problem(refusal.type(), refusal.detail(), requestId), true);
    }

    private Mono<Void> tooManyHeaders(HttpServerRequest req, HttpServerResponse res) {
        String requestId = RequestIds.accept(req.requestHeaders().get(GatewayHandler.X_REQUEST_ID));
        res.header(GatewayHandler.X_REQUEST_ID, requestId);
        return ProblemResponder.send(res, new Problem(ProblemType.HEADERS_TOO_LARGE, req.requestHeaders().size()
                + " header fields (expected: at most " + maxHeaders + ")", requestId), true);
    }

    private Mono<Void> notFound(HttpServerRequest req, HttpServerResponse res) {
        String requestId = RequestIds.accept(req.requestHeaders().get(GatewayHandler.X_REQUEST_ID));
        res.header(GatewayHandler.X_REQUEST_ID, requestId);
        return ProblemResponder.send(res, new Problem(ProblemType.NO_ROUTE,
                "No admin endpoint " + req.method() + " " + req.path(), requestId), false);
    }

    private static Mono<Void> json(HttpServerResponse res, HttpResponseStatus status, String body) {
        return res.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendString(Mono.just(body), StandardCharsets.UTF_8)
                .then();
    }
}
