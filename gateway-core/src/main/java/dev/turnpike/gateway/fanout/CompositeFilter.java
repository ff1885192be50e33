package dev.turnpike.gateway.fanout;

import dev.turnpike.gateway.auth.AuthFilter;
import dev.turnpike.gateway.trace.TraceContext;
import dev.turnpike.gateway.trace.TraceFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.observe.AccessLog;
import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.ClientAddress;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.CompositeRoute;
import dev.turnpike.gateway.routing.CompositeRoute.PlannedPart;
import dev.turnpike.gateway.routing.RouteMatch;
import dev.turnpike.gateway.routing.RoutingFilter;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers requests the {@link RoutingFilter} matched to a composite endpoint; passes every other request on.
 *
 * <p>The door first: the API key must be valid and its consumer subscribed to <b>every</b> API the composite calls
 * (an API marked public admits without), else the request is refused before any part runs. Then the parts run
 * ({@link CompositeRun}): each as an ordinary call of its API, in parallel except where one waits for another's
 * result, each taking one call from its API's plan and counted in usage. The answer is one JSON object with each
 * part's JSON body under its name; an optional part that failed is {@code null} there and described under
 * {@code _failures}; a required part that failed makes the answer a 502 {@code composite-part-failed} problem naming
 * the failed parts.
 */
public final class CompositeFilter implements GatewayFilter {
    static final String FAILURES = "_failures";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoutingState routing;
    private final Door door;
    private final PartCall calls;
    private final AccessLog accessLog;
    private final MeterRegistry meters;
    /** Part timers by composite, part, API and outcome: looked up, not registered, per part. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public CompositeFilter(RoutingState routing, Door door, PartCall calls, AccessLog accessLog,
                           MeterRegistry meters) {
        this.routing = routing;
        this.door = door;
        this.calls = calls;
        this.accessLog = accessLog;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        RouteMatch<CompositeRoute> match = ex.get(RoutingFilter.COMPOSITE);
        if (match == null) {
            return chain.next(ex);
        }
        CompositeRoute route = match.value();
        RoutingSnapshot snapshot = routing.current();
        ConsumerDirectory directory = snapshot.consumers();
        String tag = ObserveFilter.compositeTag(route.composite().id());
        String key = ex.request().requestHeaders().get("x-api-key");
        InetAddress client = ClientAddress.of(ex).address();
        boolean keyRequired = route.parts().stream().anyMatch(p -> !p.api().policies().publicAccess());
        Door.Caller caller;
        List<ConsumerDirectory.Access> access = new ArrayList<>(route.parts().size());
        try {
            caller = door.identify(directory, key, client, tag, keyRequired);
            if (caller.consumer() != null) {
                ex.put(AuthFilter.CONSUMER, caller.consumer()); // the composite's access-log line names it too
            }
            Set<String> refused = new LinkedHashSet<>();
            for (PlannedPart part : route.parts()) {
                try {
                    access.add(door.admit(directory, caller, part.api()));
                } catch (ProblemException e) {
                    refused.add(part.api().id());
                    access.add(null);
                }
            }
            if (!refused.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_SUBSCRIBED, "Consumer " + caller.consumer()
                        + " is not subscribed to APIs " + refused + " that composite " + route.composite().id()
                        + " calls");
            }
        } catch (ProblemException e) {
            return Mono.error(e);
        }
        CompositeRun run = new CompositeRun(route, snapshot, calls, caller, access, ex, this::observe);
        return run.results().flatMap(results -> answer(ex, route, results));
    }

    private Mono<Void> answer(Exchange ex, CompositeRoute route, List<CompositeRun.PartResult> results) {
        ObjectNode merged = JSON.createObjectNode();
        ObjectNode failures = JSON.createObjectNode();
        List<String> failedRequired = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CompositeRun.PartResult r = results.get(i);
            PlannedPart part = route.parts().get(i);
            String name = part.part().name();
            merged.set(name, r.json() == null ? NullNode.getInstance() : r.json());
            if (r.json() == null) {
                ObjectNode f = failures.putObject(name);
                f.put("api", part.api().id());
                f.put("status", r.status());
                f.put("type", r.type());
                f.put("detail", r.detail());
                if (!part.part().optional()) {
                    failedRequired.add(name + " (" + r.type() + ", " + r.status() + ": " + r.detail() + ")");
                }
            }
        }
        if (!failedRequired.isEmpty()) {
            return Mono.error(new ProblemException(ProblemType.COMPOSITE_PART_FAILED, "Composite "
                    + route.composite().id() + ": required parts failed: " + String.join("; ", failedRequired)));
        }
        if (!failures.isEmpty()) {
            merged.set(FAILURES, failures);
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(merged);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Mono.error(e); // only trees of parsed JSON go in
        }
        ex.addResponseBytes(body.length);
        return ex.response().status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body)).then();
    }

    private static String traceId(Exchange ex) {
        TraceContext trace = ex.get(TraceFilter.TRACE);
        return trace == null ? "-" : trace.traceId();
    }

    /** One access-log line and one timer sample per part. */
    private void observe(Exchange ex, PlannedPart part, CompositeRun.PartResult r, long nanos, String target) {
        String composite = ex.get(ObserveFilter.API);
        String outcome = r.json() != null ? "ok" : part.part().optional() ? "optional-failed" : "failed";
        timers.computeIfAbsent(composite + " " + part.part().name() + " " + part.api().id() + " " + outcome,
                k -> Timer.builder("turnpike.composite.parts")
                        .description("Composite parts: each an upstream call on behalf of a composite request")
                        .tag("composite", composite).tag("part", part.part().name()).tag("api", part.api().id())
                        .tag("outcome", outcome)
                        .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
        String consumer = ex.get(AuthFilter.CONSUMER);
        accessLog.log("-", part.part().request().method(), target, r.status(), r.bytes(), nanos,
                composite + "/" + part.part().name(), consumer == null ? "-" : consumer,
                r.address() == null ? "-" : r.address(), ex.requestId(), traceId(ex));
    }
}
