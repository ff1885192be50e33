package dev.turnpike.gateway.lookup;

import dev.turnpike.gateway.auth.BruteForceGuard;
import dev.turnpike.gateway.config.LookupSettings;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.consumers.UsageRecorder;
import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.ClientAddress;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.Problem;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.file.DurationText;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The route lookup API on the public listener, under {@value #PREFIX} ({@code docs/end-to-end.md}): a consumer with
 * {@code direct: true} subscriptions learns where those APIs' instances are, watches for changes, and reports the
 * calls it made directly; any consumer lists its subscriptions and fetches their API documents. Requests for other
 * paths pass on down the chain.
 *
 * <ul>
 *   <li>{@code GET /apis}, {@code GET /apis/{id}}: the caller's direct routing ({@link LookupAnswers}), with
 *       {@code ETag}, {@code If-None-Match} (304), {@code Cache-Control: private, max-age} and a long-poll
 *       {@code ?wait=30s} ({@link LookupWatchers}).</li>
 *   <li>{@code GET /apis/{id}/spec}: the API's OpenAPI document, for any subscriber.</li>
 *   <li>{@code GET /subscriptions}: every API the caller is subscribed to, direct or not, with its document's ETag
 *       ({@link SubscriptionListing}); {@code ETag}, 304 and {@code ?wait} as above.</li>
 *   <li>{@code POST /usage}: a report of direct calls ({@link UsageReport}), counted as direct usage.</li>
 * </ul>
 *
 * <p>Every request needs the caller's {@code X-Api-Key}; failures answer as the proxy does (401 with the brute-force
 * guard, 403 suspended). Answers come from the live snapshot, on the event loop, without store access.
 */
public final class LookupFilter implements GatewayFilter {
    /** Where the lookup API is served; no API can be reached under it. */
    public static final String PREFIX = "/_turnpike/lookup/v1";

    private static final String RESERVED = "/_turnpike/";
    private static final String X_API_KEY = "x-api-key";
    private static final String WWW_AUTHENTICATE = "ApiKey header=\"X-Api-Key\"";

    private final RoutingState state;
    private final BruteForceGuard guard;
    private final UsageRecorder usage;
    private final LookupSettings settings;
    private final Clock clock;
    private final ZoneId zone;
    private final LookupAnswers answers = new LookupAnswers();
    private final LookupWatchers watchers;
    private final String cacheControl;

    /**
     * @param zone the quota zone, whose calendar days usage reports count in
     */
    public LookupFilter(RoutingState state, BruteForceGuard guard, UsageRecorder usage, LookupSettings settings,
                        Clock clock, ZoneId zone) {
        this.state = state;
        this.guard = guard;
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
        this.watchers = new LookupWatchers(settings.maxWatchers());
        this.cacheControl = "private, max-age=" + settings.maxAge().toSeconds();
        state.afterSwap(watchers::onSnapshot);
    }

    /**
     * Answers every parked watch now (304 unless its routing changed), so a node that stops does not wait for
     * them; call it before the listener's graceful shutdown.
     */
    public void wakeWatches() {
        watchers.wakeAll(state.current());
    }

    /** Lookup watches parked now (for metrics and tests). */
    public int parkedWatches() {
        return watchers.size();
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        String path = ex.path();
        if (!path.startsWith(RESERVED)) {
            return chain.next(ex);
        }
        ex.put(ObserveFilter.API, "_lookup");
        String rest = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length()) : "";
        HttpMethod method = ex.request().method();
        String[] seg = rest.split("/", -1); // "", "apis", id, "spec"
        Endpoint endpoint = Endpoint.of(seg);
        if (endpoint == null) {
            return ProblemResponder.send(ex, ProblemType.NO_ROUTE, "No lookup resource at " + path);
        }
        HttpMethod expected = endpoint == Endpoint.USAGE ? HttpMethod.POST : HttpMethod.GET;
        if (!method.equals(expected) && !(expected == HttpMethod.GET && method.equals(HttpMethod.HEAD))) {
            ex.response().header(HttpHeaderNames.ALLOW, expected.name());
            return ProblemResponder.send(ex, ProblemType.METHOD_NOT_ALLOWED, method + " is not allowed on " + path);
        }
        String key = ex.request().requestHeaders().get(X_API_KEY);
        ex.request().requestHeaders().remove(X_API_KEY);
        if (key == null || key.isEmpty()) {
            ex.response().header(HttpHeaderNames.WWW_AUTHENTICATE, WWW_AUTHENTICATE);
            return ProblemResponder.send(ex, ProblemType.MISSING_API_KEY, "The lookup API needs an API key in the"
                    + " X-Api-Key header");
        }
        InetAddress client = ClientAddress.of(ex).address();
        if (client != null) {
            Duration wait = guard.blockedFor(client);
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                ex.response().header(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
                return ProblemResponder.send(ex, ProblemType.TOO_MANY_INVALID_KEYS,
                        "Too many invalid API keys from this address; retry in " + seconds + " s");
            }
        }
        RoutingSnapshot snapshot = state.current();
        ConsumerDirectory.Lookup lookup = snapshot.consumers().lookup(key, clock.instant());
        if (lookup.outcome() != ConsumerDirectory.Outcome.VALID) {
            if (lookup.outcome() != ConsumerDirectory.Outcome.SUSPENDED && client != null) {
                guard.recordFailure(client);
            }
            return refuse(ex, lookup.outcome());
        }
        ConsumerDirectory.Member member = lookup.member();
        if (endpoint == Endpoint.USAGE) {
            return report(ex, snapshot, member);
        }
        Duration wait;
        try {
            wait = waitParameter(ex.query());
        } catch (IllegalArgumentException e) {
            return ProblemResponder.send(ex.response(), new Problem(ProblemType.INVALID_REQUEST, e.getMessage(),
                    ex.requestId(), List.of(Problem.FieldError.parameter("wait", e.getMessage()))), false);
        }
        String apiId = seg.length > 2 ? seg[2] : null;
        Function<RoutingSnapshot, LookupAnswers.Answer> answer = s -> {
            ConsumerDirectory.Lookup l = s.consumers().lookup(key, clock.instant());
            if (l.outcome() != ConsumerDirectory.Outcome.VALID) {
                return LookupAnswers.Answer.problem(outcomeProblem(l.outcome()), "The API key is no longer accepted");
            }
            long now = System.nanoTime();
            return switch (endpoint) {
                case APIS -> answers.all(s, l.member(), now);
                case SUBSCRIPTIONS -> answers.subscriptions(s, l.member());
                case API -> answers.one(s, l.member(), apiId, now);
                default -> answers.spec(s, l.member(), apiId);
            };
        };
        return respond(ex, snapshot, answer, wait);
    }

    private Mono<Void> respond(Exchange ex, RoutingSnapshot snapshot,
                               Function<RoutingSnapshot, LookupAnswers.Answer> answer, Duration wait) {
        LookupAnswers.Answer a = answer.apply(snapshot);
        if (a.problem() != null) {
            return ProblemResponder.send(ex, a.problem(), a.detail());
        }
        String ifNoneMatch = ex.request().requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH);
        if (!a.etag().equals(ifNoneMatch)) {
            return send(ex, a, HttpResponseStatus.OK);
        }
        if (wait.isZero()) {
            return send(ex, a, HttpResponseStatus.NOT_MODIFIED);
        }
        LookupWatchers.Watch watch = watchers.park(a.etag(), s -> answer.apply(s).etag());
        if (watch == null) {
            return send(ex, a, HttpResponseStatus.NOT_MODIFIED);
        }
        // onSnapshot runs after a snapshot goes live: one that went live before this watch was parked is seen here.
        RoutingSnapshot current = state.current();
        if (current != snapshot) {
            watchers.wakeIfChanged(watch, current);
        }
        return watchers.changed(watch)
                .timeout(wait, Mono.defer(() -> Mono.just(state.current())), Schedulers.parallel())
                .publishOn(Schedulers.parallel())
                .flatMap(s -> {
                    LookupAnswers.Answer now = answer.apply(s);
                    if (now.problem() != null) {
                        return ProblemResponder.send(ex, now.problem(), now.detail());
                    }
                    return send(ex, now, now.etag().equals(ifNoneMatch) ? HttpResponseStatus.NOT_MODIFIED
                            : HttpResponseStatus.OK);
                })
                .doFinally(signal -> watchers.remove(watch));
    }

    private Mono<Void> send(Exchange ex, LookupAnswers.Answer a, HttpResponseStatus status) {
        ex.response().status(status)
                .header(HttpHeaderNames.ETAG, a.etag())
                .header(HttpHeaderNames.CACHE_CONTROL, cacheControl)
                .header(HttpHeaderNames.VARY, "X-Api-Key");
        if (status.code() == 304) {
            return ex.response().send().then();
        }
        byte[] body = a.body().get();
        ex.addResponseBytes(body.length);
        ex.response().header(HttpHeaderNames.CONTENT_TYPE, a.contentType())
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        if (ex.request().method().equals(HttpMethod.HEAD)) {
            return ex.response().send().then();
        }
        return ex.response().sendByteArray(Mono.just(body)).then();
    }

    private Mono<Void> report(Exchange ex, RoutingSnapshot snapshot, ConsumerDirectory.Member member) {
        return UsageBody.read(ex.request(), UsageReport.MAX_BODY).flatMap(body -> {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            UsageReport report = UsageReport.parse(body, snapshot.catalog(), member.id(), today);
            if (!report.errors().isEmpty()) {
                return ProblemResponder.send(ex.response(), new Problem(ProblemType.INVALID_REQUEST,
                        "The usage report is invalid; nothing was counted", ex.requestId(), report.errors()), false);
            }
            for (UsageReport.Entry e : report.entries()) {
                usage.recordDirect(member.id(), e.api(), e.day(), e.calls(), e.errors());
            }
            byte[] out = ("{\"accepted\":" + report.entries().size() + "}").getBytes(StandardCharsets.US_ASCII);
            ex.response().status(HttpResponseStatus.ACCEPTED)
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(out.length));
            return ex.response().sendByteArray(Mono.just(out)).then();
        }).onErrorResume(UsageBody.TooLarge.class, e -> ProblemResponder.send(ex, ProblemType.BODY_TOO_LARGE,
                "A usage report may have at most " + UsageReport.MAX_BODY + " bytes", true));
    }

    /** {@code ?wait=}: zero when absent, at most {@link LookupSettings#maxWait()}. */
    private Duration waitParameter(String query) {
        if (query.isEmpty()) {
            return Duration.ZERO;
        }
        List<String> values = new QueryStringDecoder("?" + query).parameters().get("wait");
        if (values == null || values.isEmpty()) {
            return Duration.ZERO;
        }
        Duration d;
        try {
            d = DurationText.parse(values.get(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wait: \"" + values.get(0) + "\" (expected: a duration such as 30s)", e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("wait: " + values.get(0) + " (expected: >= 0)");
        }
        return d.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : d;
    }

    private static Mono<Void> refuse(Exchange ex, ConsumerDirectory.Outcome outcome) {
        ProblemType type = outcomeProblem(outcome);
        if (type == ProblemType.INVALID_API_KEY) {
            ex.response().header(HttpHeaderNames.WWW_AUTHENTICATE, WWW_AUTHENTICATE);
        }
        return ProblemResponder.send(ex, type, switch (outcome) {
            case REVOKED -> "The API key is revoked";
            case EXPIRED -> "The API key is expired";
            case SUSPENDED -> "The consumer of this API key is suspended";
            default -> "The API key is not known";
        });
    }

    private static ProblemType outcomeProblem(ConsumerDirectory.Outcome outcome) {
        return outcome == ConsumerDirectory.Outcome.SUSPENDED ? ProblemType.CONSUMER_SUSPENDED
                : ProblemType.INVALID_API_KEY;
    }

    /** The resources under {@link #PREFIX}. */
    private enum Endpoint {
        APIS, API, SPEC, USAGE, SUBSCRIPTIONS;

        static Endpoint of(String[] seg) {
            if (seg.length == 2 && seg[1].equals("apis")) {
                return APIS;
            }
            if (seg.length == 2 && seg[1].equals("usage")) {
                return USAGE;
            }
            if (seg.length == 2 && seg[1].equals("subscriptions")) {
                return SUBSCRIPTIONS;
            }
            if (seg.length == 3 && seg[1].equals("apis") && !seg[2].isEmpty()) {
                return API;
            }
            if (seg.length == 4 && seg[1].equals("apis") && !seg[2].isEmpty() && seg[3].equals("spec")) {
                return SPEC;
            }
            return null;
        }
    }
}
