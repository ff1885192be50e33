package dev.turnpike.gateway.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.routing.ApiRoute;
import dev.turnpike.gateway.routing.CompositeRoute;
import dev.turnpike.gateway.routing.CompositeRoute.PlannedPart;
import dev.turnpike.gateway.routing.RouteMatch;
import dev.turnpike.gateway.routing.RoutingFilter;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PartRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One request's run of a composite's parts: each part starts as soon as the parts it waits for are done (at once
 * when it waits for none), so independent parts run in parallel; each part's deadline is its own timeout or what is
 * left of the composite's, whichever ends first, so at the composite's deadline every call still running is
 * cancelled (its connection closed, not returned half-read). A part whose input is missing (a part it waits for
 * failed, or lacks the referenced field) fails without a call.
 */
final class CompositeRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one part ended with.
     *
     * @param json    its parsed JSON body ({@code null}: it failed)
     * @param status  the upstream's status, or the status of the problem it failed with
     * @param type    {@code ok}, a problem type slug ({@code upstream-timeout}, ...), {@code upstream-status},
     *                {@code not-json}, {@code missing-input}
     * @param detail  why it failed; empty when it did not
     * @param address the instance that answered, or {@code null}
     * @param bytes   body bytes read
     */
    record PartResult(JsonNode json, int status, String type, String detail, String address, long bytes) {
        static PartResult failed(int status, String type, String detail) {
            return new PartResult(null, status, type, detail, null, 0);
        }
    }

    /** Told of each part when it ends. */
    interface Observer {
        void observe(Exchange ex, PlannedPart part, PartResult result, long nanos, String target);
    }

    private final CompositeRoute route;
    private final RoutingSnapshot snapshot;
    private final PartCall calls;
    private final Door.Caller caller;
    private final List<ConsumerDirectory.Access> access;
    private final Exchange ex;
    private final Observer observer;
    private final Map<String, JsonNode> done = new ConcurrentHashMap<>();

    CompositeRun(CompositeRoute route, RoutingSnapshot snapshot, PartCall calls, Door.Caller caller,
                 List<ConsumerDirectory.Access> access, Exchange ex, Observer observer) {
        this.route = route;
        this.snapshot = snapshot;
        this.calls = calls;
        this.caller = caller;
        this.access = access;
        this.ex = ex;
        this.observer = observer;
    }

    /** Every part's result, in the composite's order. */
    @SuppressWarnings("unchecked")
    Mono<List<PartResult>> results() {
        long deadline = System.nanoTime() + route.composite().timeout().toNanos();
        List<PlannedPart> parts = route.parts();
        Mono<PartResult>[] runs = new Mono[parts.size()];
        for (int i : route.order()) {
            PlannedPart part = parts.get(i);
            int index = i;
            Mono<PartResult> run;
            if (part.waitsFor().isEmpty()) {
                run = Mono.defer(() -> call(index, deadline));
            } else {
                List<Mono<PartResult>> inputs = part.waitsFor().stream().map(d -> runs[d]).toList();
                run = Mono.zip(inputs, results -> results).flatMap(results -> {
                    for (int k = 0; k < results.length; k++) {
                        if (((PartResult) results[k]).json() == null) {
                            String name = parts.get(part.waitsFor().get(k)).part().name();
                            return Mono.just(skipped(index, "waits for part " + name + ", which failed"));
                        }
                    }
                    return call(index, deadline);
                });
            }
            runs[i] = run.cache(); // a part others wait for runs once
        }
        return Flux.fromArray(runs).flatMapSequential(r -> r, Math.max(1, runs.length)).collectList();
    }

    private Mono<PartResult> call(int index, long deadline) {
        PlannedPart part = route.parts().get(index);
        Api api = part.api();
        PartRequest request = part.part().request();
        RouteMatch<?> incoming = ex.get(RoutingFilter.COMPOSITE);
        PartValues values = new PartValues(incoming.pathParams(ex.path()), ex.query(), ex.request().requestHeaders(), done);
        String path;
        QueryStringEncoder query = new QueryStringEncoder("");
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("accept", "application/json");
        try {
            path = values.path(request.path());
            request.query().forEach((name, t) -> query.addParam(name, values.text(t)));
            request.headers().forEach((name, t) -> headers.set(name, values.text(t)));
        } catch (PartValues.Missing e) {
            return Mono.just(skipped(index, e.getMessage()));
        }
        String publicPath = api.basePath().length() == 1 ? path : api.basePath() + path;
        RouteMatch<ApiRoute> match = snapshot.match(api.host().orElse(""), request.method(), publicPath);
        if (match == null || !match.value().api().id().equals(api.id())) {
            return Mono.just(skipped(index, "API " + api.id() + " has no route for " + request.method() + " "
                    + publicPath));
        }
        if (api.lifecycle() == Lifecycle.RETIRED) {
            return Mono.just(finish(index, PartResult.failed(410, "api-retired", "API " + api.id() + " was retired"),
                    System.nanoTime(), publicPath));
        }
        Duration timeout = Duration.ofNanos(Math.min(part.timeout().toNanos(), deadline - System.nanoTime()));
        String rawQuery = query.toString().isEmpty() ? "" : query.toString().substring(1);
        long start = System.nanoTime();
        return calls.call(caller, access.get(index), match.value(), HttpMethod.valueOf(request.method()), publicPath,
                        rawQuery, headers, null, timeout, ex.requestId())
                .map(r -> finish(index, toPart(r), start, publicPath));
    }

    private PartResult skipped(int index, String why) {
        return finish(index, PartResult.failed(502, "missing-input", why), System.nanoTime(), "-");
    }

    private PartResult finish(int index, PartResult result, long start, String target) {
        PlannedPart part = route.parts().get(index);
        if (result.json() != null) {
            done.put(part.part().name(), result.json());
        }
        observer.observe(ex, part, result, System.nanoTime() - start, target);
        return result;
    }

    private static PartResult toPart(PartCall.Result r) {
        if (!r.ok()) {
            return PartResult.failed(r.status(), r.failure().type().slug(), r.failure().detail());
        }
        if (r.status() < 200 || r.status() > 299) {
            return new PartResult(null, r.status(), "upstream-status", "the upstream answered " + r.status(),
                    r.address(), r.body().length);
        }
        try {
            JsonNode json = r.body().length == 0 ? NullNode.getInstance() : JSON.readTree(r.body());
            return new PartResult(json, r.status(), "ok", "", r.address(), r.body().length);
        } catch (IOException e) {
            return new PartResult(null, 502, "not-json", "the upstream's body is not JSON", r.address(),
                    r.body().length);
        }
    }
}
