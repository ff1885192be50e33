package dev.turnpike.gateway.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.gateway.config.FanoutSettings;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.ClientAddress;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.ApiRoute;
import dev.turnpike.gateway.routing.RouteMatch;
import dev.turnpike.gateway.routing.RouteTarget;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.gateway.upstream.HopByHopHeaders;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Lifecycle;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /_turnpike/batch}: runs each item as if it were sent alone with the batch's {@code X-Api-Key} (its
 * route, its API's retirement, the key, the subscription, the plan's limit and quota, usage, the API's upstream
 * policies), up to {@link FanoutSettings#batchConcurrency()} at once, and answers {@code 200} with a JSON array of
 * {@code {id, status, headers, body}} in request order. An item's own failure (404, 403, 429, 504, ...) is its
 * entry's status with a problem as its body; only a bad batch as a whole is a 400 {@code invalid-batch} problem.
 */
public final class BatchFilter implements GatewayFilter {
    /** Where batches are posted. */
    public static final String PATH = "/_turnpike/batch";
    /** An item's deadline, body included, when its API sets no {@code policies.timeout}. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_FORWARDED = Set.of("x-api-key", "x-consumer-id", "host", "content-length");

    private final RoutingState routing;
    private final Door door;
    private final PartCall calls;
    private final FanoutSettings settings;

    public BatchFilter(RoutingState routing, Door door, PartCall calls, FanoutSettings settings) {
        this.routing = routing;
        this.door = door;
        this.calls = calls;
        this.settings = settings;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        if (!ex.path().equals(PATH)) {
            return chain.next(ex);
        }
        if (!ex.request().method().equals(HttpMethod.POST)) {
            ex.response().header(HttpHeaderNames.ALLOW, "POST");
            return Mono.error(new ProblemException(ProblemType.METHOD_NOT_ALLOWED, ex.request().method() + " " + PATH
                    + " (expected one of: POST)"));
        }
        ex.put(ObserveFilter.API, "batch");
        long limit = settings.partBodyLimit();
        return ex.request().receive()
                .collect(ByteArrayOutputStream::new, (out, buf) -> append(out, buf, limit))
                .map(out -> BatchRequest.parse(out.toByteArray(), settings.batchMaxItems()))
                .flatMap(batch -> run(ex, batch));
    }

    private Mono<Void> run(Exchange ex, BatchRequest batch) {
        RoutingSnapshot snapshot = routing.current();
        String key = ex.request().requestHeaders().get("x-api-key");
        Door.Caller caller;
        try {
            caller = door.identify(snapshot.consumers(), key, ClientAddress.of(ex).address(), "batch",
                    false);
        } catch (ProblemException e) {
            return Mono.error(e);
        }
        return Flux.fromIterable(batch.items())
                .flatMapSequential(item -> item(ex, snapshot, caller, item), settings.batchConcurrency())
                .collect(JSON::createArrayNode, ArrayNode::add)
                .flatMap(answers -> {
                    byte[] body = answers.toString().getBytes(StandardCharsets.UTF_8);
                    ex.addResponseBytes(body.length);
                    return ex.response().status(HttpResponseStatus.OK)
                            .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                            .sendByteArray(Mono.just(body)).then();
                });
    }

    private Mono<ObjectNode> item(Exchange ex, RoutingSnapshot snapshot, Door.Caller caller, BatchRequest.Item item) {
        int q = item.path().indexOf('?');
        String path = q < 0 ? item.path() : item.path().substring(0, q);
        String query = q < 0 ? "" : item.path().substring(q + 1);
        RouteMatch<RouteTarget> match = snapshot.route(ex.host(), item.method(), path);
        if (match == null) {
            Set<String> allowed = snapshot.allowedMethods(ex.host(), path);
            return Mono.just(problem(item, allowed.isEmpty()
                    ? new ProblemException(ProblemType.NO_ROUTE, "No API route for " + item.method() + " " + path)
                    : new ProblemException(ProblemType.METHOD_NOT_ALLOWED, item.method() + " " + path
                    + " (expected one of: " + String.join(", ", allowed) + ")")));
        }
        if (!(match.value() instanceof ApiRoute route)) {
            return Mono.just(problem(item, new ProblemException(ProblemType.NO_ROUTE, path
                    + " is a composite endpoint; batches call API routes only")));
        }
        Api api = route.api();
        ConsumerDirectory.Access access;
        try {
            if (api.lifecycle() == Lifecycle.RETIRED) {
                throw new ProblemException(ProblemType.API_RETIRED, "API " + api.id() + " was retired");
            }
            access = door.admit(snapshot.consumers(), caller, api);
        } catch (ProblemException e) {
            return Mono.just(problem(item, e));
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        item.headers().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.add(name, value);
            }
        });
        HopByHopHeaders.strip(headers);
        byte[] body = item.bodyBytes();
        if (body != null && !headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, item.body().isTextual() ? "text/plain; charset=utf-8"
                    : "application/json");
        }
        if (caller.consumer() != null) {
            headers.set("x-consumer-id", caller.consumer());
        }
        Duration timeout = api.policies().timeout().orElse(DEFAULT_TIMEOUT);
        return calls.call(caller, access, route, HttpMethod.valueOf(item.method()), path, query, headers, body,
                        timeout, ex.requestId() + "." + item.id())
                .map(r -> r.ok() ? answer(item, r) : problem(item, r.failure()));
    }

    private static ObjectNode answer(BatchRequest.Item item, PartCall.Result r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", item.id());
        out.put("status", r.status());
        ObjectNode headers = out.putObject("headers");
        r.headers().forEach(e -> headers.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
        String type = r.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        String text = new String(r.body(), StandardCharsets.UTF_8);
        JsonNode body = null;
        if (type.contains("json") && r.body().length > 0) {
            try {
                body = JSON.readTree(r.body());
            } catch (java.io.IOException e) {
                body = null; // not JSON after all: given as text below
            }
        }
        out.set("body", body != null ? body : r.body().length == 0 ? null : JSON.getNodeFactory().textNode(text));
        return out;
    }

    private static ObjectNode problem(BatchRequest.Item item, ProblemException e) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", item.id());
        out.put("status", e.type().status().code());
        out.putObject("headers").put("content-type", "application/problem+json");
        ObjectNode body = out.putObject("body");
        body.put("type", e.type().uri());
        body.put("title", e.type().title());
        body.put("status", e.type().status().code());
        body.put("detail", e.detail());
        return out;
    }

    private static void append(ByteArrayOutputStream out, ByteBuf buf, long limit) {
        int n = buf.readableBytes();
        if (out.size() + (long) n > limit) {
            throw new ProblemException(ProblemType.INVALID_BATCH, "the batch body is over " + limit + " bytes"
                    + " (expected: at most fanout.partBodyLimit)", -1, true, null);
        }
        byte[] bytes = new byte[n];
        buf.getBytes(buf.readerIndex(), bytes);
        out.write(bytes, 0, n);
    }
}
