package dev.turnpike.gateway.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes the route lookup API's answers for one caller from one live snapshot: which APIs it may call directly,
 * the answer's ETag, and (only when the ETag does not match) the body. Each API's document is serialized once per
 * API version and pool set and kept in a Caffeine cache with weak, identity-compared keys (the {@code Api} objects of
 * the live catalogs), so an answer costs a hash per API plus copying bytes, and a catalog change costs nothing until
 * the changed API is looked up again. No I/O; runs on the event loop. Thread-safe.
 */
final class LookupAnswers {
    private static final byte[] PLAN_NULL = ",\"plan\":null}".getBytes(StandardCharsets.US_ASCII);

    private final Cache<Api, ApiDocument> documents = Caffeine.newBuilder().weakKeys().build();
    private final SubscriptionListing subscriptions = new SubscriptionListing();

    /**
     * An answer: a problem, or a document with its ETag and a way to make its body.
     *
     * @param problem     the problem to answer with, or {@code null}
     * @param detail      the problem's detail
     * @param etag        the document's ETag (quoted)
     * @param contentType the document's media type
     * @param body        makes the body (called only when it is sent)
     */
    record Answer(ProblemType problem, String detail, String etag, String contentType,
                  java.util.function.Supplier<byte[]> body) {
        static Answer problem(ProblemType type, String detail) {
            return new Answer(type, detail, null, null, null);
        }
    }

    /** {@code GET /apis}: every API {@code member} may call directly (not retired), by id. */
    Answer all(RoutingSnapshot snapshot, ConsumerDirectory.Member member, long nowNanos) {
        Catalog catalog = snapshot.catalog();
        List<String> ids = new ArrayList<>();
        for (String apiId : member.subscriptions().keySet()) {
            Subscription s = catalog.subscription(member.id(), apiId);
            Api api = catalog.api(apiId);
            if (s != null && s.direct() && api != null && api.lifecycle() != Lifecycle.RETIRED) {
                ids.add(apiId);
            }
        }
        ids.sort(null);
        List<byte[]> parts = new ArrayList<>(ids.size() * 2);
        long h = Fnv64.mix(Fnv64.OFFSET, member.id());
        for (String id : ids) {
            Api api = catalog.api(id);
            ApiDocument doc = document(snapshot, api);
            byte[] fragment = doc.anyEjected(nowNanos) ? doc.withEjections(nowNanos) : doc.fragment();
            byte[] plan = plan(api, catalog.subscription(member.id(), id));
            h = Fnv64.mix(Fnv64.mix(h, fragment == doc.fragment() ? doc.hash() : Fnv64.hash(fragment)),
                    Fnv64.hash(plan));
            parts.add(fragment);
            parts.add(plan);
        }
        String consumer = member.id();
        return new Answer(null, null, etag(h), "application/json", () -> list(consumer, "apis", parts));
    }

    /**
     * {@code {"consumer":"<consumer>","<field>":[...]}} whose entries are each two consecutive {@code parts}
     * (an object without its closing brace, then the rest of it).
     */
    static byte[] list(String consumer, String field, List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + parts.stream().mapToInt(p -> p.length).sum());
        out.writeBytes(("{\"consumer\":\"" + consumer + "\",\"" + field + "\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < parts.size(); i += 2) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(parts.get(i));
            out.writeBytes(parts.get(i + 1));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** {@code GET /subscriptions}: every API {@code member} is subscribed to, direct or not (not retired), by id. */
    Answer subscriptions(RoutingSnapshot snapshot, ConsumerDirectory.Member member) {
        return subscriptions.answer(snapshot.catalog(), member);
    }

    /** {@code GET /apis/{id}}: one API, if {@code member} may call it directly. */
    Answer one(RoutingSnapshot snapshot, ConsumerDirectory.Member member, String apiId, long nowNanos) {
        Catalog catalog = snapshot.catalog();
        Api api = catalog.api(apiId);
        Subscription s = catalog.subscription(member.id(), apiId);
        Answer refusal = refusal(api, s, member, apiId);
        if (refusal != null) {
            return refusal;
        }
        if (!s.direct()) {
            return Answer.problem(ProblemType.DIRECT_NOT_ALLOWED, "Consumer " + member.id()
                    + " may call API " + apiId + " only through the gateway (its subscription is not direct)");
        }
        ApiDocument doc = document(snapshot, api);
        byte[] fragment = doc.anyEjected(nowNanos) ? doc.withEjections(nowNanos) : doc.fragment();
        byte[] plan = plan(api, s);
        long h = Fnv64.mix(Fnv64.mix(Fnv64.mix(Fnv64.OFFSET, member.id()),
                fragment == doc.fragment() ? doc.hash() : Fnv64.hash(fragment)), Fnv64.hash(plan));
        return new Answer(null, null, etag(h), "application/json", () -> {
            byte[] body = new byte[fragment.length + plan.length];
            System.arraycopy(fragment, 0, body, 0, fragment.length);
            System.arraycopy(plan, 0, body, fragment.length, plan.length);
            return body;
        });
    }

    /** {@code GET /apis/{id}/spec}: the API's OpenAPI document, for any subscriber (direct or not). */
    Answer spec(RoutingSnapshot snapshot, ConsumerDirectory.Member member, String apiId) {
        Catalog catalog = snapshot.catalog();
        Api api = catalog.api(apiId);
        Answer refusal = refusal(api, catalog.subscription(member.id(), apiId), member, apiId);
        if (refusal != null) {
            return refusal;
        }
        if (api.spec().isEmpty()) {
            return Answer.problem(ProblemType.NOT_FOUND, "API " + apiId + " has no OpenAPI document");
        }
        ApiSpec spec = api.spec().get();
        return new Answer(null, null, subscriptions.specEtag(spec), SubscriptionListing.specMediaType(spec),
                () -> spec.document().getBytes(StandardCharsets.UTF_8));
    }

    private static Answer refusal(Api api, Subscription s, ConsumerDirectory.Member member, String apiId) {
        if (api == null) {
            return Answer.problem(ProblemType.NOT_FOUND, "No API " + apiId);
        }
        if (s == null) {
            return Answer.problem(ProblemType.NOT_SUBSCRIBED, "Consumer " + member.id()
                    + " has no subscription to API " + apiId);
        }
        if (api.lifecycle() == Lifecycle.RETIRED) {
            return Answer.problem(ProblemType.API_RETIRED, "API " + apiId + " is retired");
        }
        return null;
    }

    private ApiDocument document(RoutingSnapshot snapshot, Api api) {
        List<PoolRuntime> pools = new ArrayList<>(api.targets().size());
        for (Target t : api.targets()) {
            pools.add(snapshot.pool(t.pool()));
        }
        ApiDocument doc = documents.getIfPresent(api);
        if (doc == null || !doc.isFor(api, pools)) {
            doc = ApiDocument.of(api, pools);
            documents.put(api, doc);
        }
        return doc;
    }

    /** {@code ,"plan":{...}}}: the subscription's plan, else the API's default rate limit, else null. */
    private static byte[] plan(Api api, Subscription s) {
        Optional<Plan> plan = s == null ? Optional.empty() : s.plan();
        if (plan.isPresent()) {
            Plan p = plan.get();
            return (",\"plan\":{\"perSecond\":" + p.perSecond() + ",\"burst\":" + Math.max(p.burst(), p.perSecond())
                    + ",\"dailyQuota\":" + (p.dailyQuota().isPresent() ? Long.toString(p.dailyQuota().getAsLong())
                    : "null") + "}}").getBytes(StandardCharsets.US_ASCII);
        }
        Optional<RateLimit> r = api.policies().rateLimit();
        if (r.isPresent()) {
            return (",\"plan\":{\"perSecond\":" + r.get().perSecond() + ",\"burst\":"
                    + Math.max(r.get().burst(), r.get().perSecond()) + ",\"dailyQuota\":null}}")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        return PLAN_NULL;
    }

    private static String etag(long h) {
        return SubscriptionListing.etag(h);
    }
}
