package dev.turnpike.registry.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.EncodedSlashes;
import dev.turnpike.registry.model.PartTemplate;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.RetryPolicy;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes a catalog as the YAML {@link CatalogFile} reads: every field spelled out, so nothing depends on defaults. */
final class CatalogWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final ObjectMapper JSON = new ObjectMapper();
    private CatalogWriter() {
    }

    static String write(Catalog catalog) {
        return text(YAML, catalog);
    }

    /** The same tree as JSON: several times faster to write than YAML, and {@link CatalogFile#parse} reads it. */
    static String writeJson(Catalog catalog) {
        return text(JSON, catalog);
    }

    /** {@link #writeJson(Catalog)} into {@code out} (not closed). */
    static void writeJson(Catalog catalog, Writer out) throws IOException {
        write(JSON, catalog, out);
    }

    private static String text(ObjectMapper mapper, Catalog catalog) {
        StringWriter out = new StringWriter();
        try {
            write(mapper, catalog, out);
        } catch (IOException e) {
            // Only maps, lists, strings and numbers go in, to memory: failing here is a bug, not bad input.
            throw new UncheckedIOException("cannot write the catalog", e);
        }
        return out.toString();
    }

    /**
     * Writes the catalog one entity at a time: neither the text nor a tree of the whole catalog is held in memory
     * (at 10,000 APIs both are megabytes, written every second for a node's snapshot file).
     */
    private static void write(ObjectMapper mapper, Catalog catalog, Writer out) throws IOException {
        Map<String, List<Subscription>> byConsumer = byConsumer(catalog);
        ObjectWriter item = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            array(g, item, "teams", catalog.teams(), CatalogWriter::team);
            array(g, item, "apis", catalog.apis(), CatalogWriter::api);
            array(g, item, "pools", catalog.pools(), CatalogWriter::pool);
            array(g, item, "consumers", catalog.consumers(),
                    c -> consumer(c, byConsumer.getOrDefault(c.id(), List.of())));
            if (!catalog.composites().isEmpty()) {
                array(g, item, "composites", catalog.composites(), CatalogWriter::composite);
            }
            g.writeEndObject();
        }
    }

    private static <T> void array(JsonGenerator g, ObjectWriter item, String name, List<T> entities,
                                  Function<T, Map<String, Object>> map) throws IOException {
        g.writeArrayFieldStart(name);
        for (T t : entities) {
            item.writeValue(g, map.apply(t));
        }
        g.writeEndArray();
    }

    /** The subscriptions of each consumer, in catalog order. */
    private static Map<String, List<Subscription>> byConsumer(Catalog catalog) {
        Map<String, List<Subscription>> byConsumer = new java.util.HashMap<>();
        catalog.subscriptions().forEach(s -> byConsumer.computeIfAbsent(s.consumer(), k -> new java.util.ArrayList<>())
                .add(s));
        return byConsumer;
    }

    static Map<String, Object> api(Api api) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", api.id());
        m.put("name", api.name());
        m.put("version", api.version());
        m.put("owner", api.owner());
        m.put("description", api.description());
        api.host().ifPresent(h -> m.put("host", h));
        m.put("basePath", api.basePath());
        m.put("upstreamBasePath", api.upstreamBasePath());
        m.put("lifecycle", api.lifecycle().name());
        api.sunset().ifPresent(d -> m.put("sunset", d.toString()));
        api.successor().ifPresent(s -> m.put("successor", s));
        m.put("criticality", api.criticality().name());
        if (!api.policies().equals(ApiPolicies.NONE)) {
            m.put("policies", policies(api.policies()));
        }
        api.spec().ifPresent(spec -> m.put("spec", Map.of("document", spec.document())));
        m.put("targets", api.targets().stream().map(CatalogWriter::target).toList());
        if (api.spec().isEmpty()) {
            m.put("routes", api.routes().stream().map(CatalogWriter::route).toList());
        }
        return m;
    }

    static Map<String, Object> team(Team t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("contact", t.contact());
        m.put("description", t.description());
        return m;
    }

    /** Only the policies that are set: an absent one means the gateway's default, which has no value to write. */
    private static Map<String, Object> policies(ApiPolicies p) {
        Map<String, Object> m = new LinkedHashMap<>();
        p.timeout().ifPresent(t -> m.put("timeout", duration(t)));
        p.retry().ifPresent(r -> m.put("retry", retry(r)));
        p.circuitBreaker().ifPresent(cb -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("failureRate", cb.failureRate());
            b.put("window", cb.window());
            b.put("openFor", duration(cb.openFor()));
            m.put("circuitBreaker", b);
        });
        p.bodyLimit().ifPresent(b -> m.put("bodyLimit", b));
        p.rateLimit().ifPresent(r -> {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("perSecond", r.perSecond());
            l.put("burst", r.burst());
            m.put("rateLimit", l);
        });
        if (p.publicAccess()) {
            m.put("publicAccess", true);
        }
        if (p.encodedSlashes() != EncodedSlashes.REFUSE) {
            m.put("encodedSlashes", p.encodedSlashes().name().toLowerCase(java.util.Locale.ROOT));
        }
        return m;
    }

    private static Map<String, Object> retry(RetryPolicy r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempts", r.attempts());
        List<Object> on = new ArrayList<>();
        if (r.onConnectFailure()) {
            on.add(RetryPolicy.CONNECT_FAILURE);
        }
        on.addAll(r.onStatus());
        m.put("on", on);
        m.put("methods", r.methods());
        return m;
    }

    /** A consumer with {@code subscriptions} (of it, or of all consumers: the others are left out). */
    static Map<String, Object> consumer(Consumer c, List<Subscription> subscriptions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("team", c.team());
        m.put("contact", c.contact());
        m.put("state", c.state().name());
        m.put("subscriptions", subscriptions.stream().filter(s -> s.consumer().equals(c.id()))
                .map(CatalogWriter::subscription).toList());
        return m;
    }

    static Map<String, Object> subscription(Subscription s) {
        Map<String, Object> sub = new LinkedHashMap<>();
        sub.put("api", s.api());
        s.plan().ifPresent(p -> sub.put("plan", plan(p)));
        sub.put("direct", s.direct());
        return sub;
    }

    private static Map<String, Object> plan(Plan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("perSecond", p.perSecond());
        m.put("burst", p.burst());
        p.dailyQuota().ifPresent(q -> m.put("dailyQuota", q));
        return m;
    }

    private static Map<String, Object> target(Target t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", t.pool());
        m.put("weight", t.weight());
        return m;
    }

    private static Map<String, Object> route(Route r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", r.method());
        m.put("path", r.path());
        return m;
    }

    static Map<String, Object> composite(Composite k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("owner", k.owner());
        m.put("description", k.description());
        m.put("lifecycle", k.lifecycle().name());
        m.put("method", k.method());
        m.put("path", k.path());
        m.put("timeout", duration(k.timeout()));
        m.put("parts", k.parts().stream().map(CatalogWriter::part).toList());
        return m;
    }

    private static Map<String, Object> part(CompositePart p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("api", p.api());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", p.request().method());
        request.put("path", p.request().path().text());
        if (!p.request().query().isEmpty()) {
            request.put("query", texts(p.request().query()));
        }
        if (!p.request().headers().isEmpty()) {
            request.put("headers", texts(p.request().headers()));
        }
        m.put("request", request);
        m.put("optional", p.optional());
        p.timeout().ifPresent(t -> m.put("timeout", duration(t)));
        return m;
    }

    private static Map<String, Object> texts(Map<String, PartTemplate> templates) {
        Map<String, Object> m = new LinkedHashMap<>();
        templates.forEach((name, t) -> m.put(name, t.text()));
        return m;
    }

    static Map<String, Object> pool(UpstreamPool pool) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", pool.id());
        m.put("instances", pool.instances().stream().map(CatalogWriter::instance).toList());
        m.put("balancer", PoolReader.balancerName(pool.balancer()));
        m.put("tls", pool.tls().map(CatalogWriter::tls).orElse(false));
        PoolSettings s = pool.settings();
        m.put("maxConnections", s.maxConnections());
        m.put("pendingAcquireMax", s.pendingAcquireMax());
        m.put("connectTimeout", duration(s.connectTimeout()));
        m.put("responseTimeout", duration(s.responseTimeout()));
        m.put("maxIdleTime", duration(s.maxIdleTime()));
        m.put("ejectFor", duration(s.ejectFor()));
        if (!pool.outliers().equals(OutlierDetection.DEFAULTS)) {
            OutlierDetection o = pool.outliers();
            Map<String, Object> od = new LinkedHashMap<>();
            od.put("consecutiveFailures", o.consecutiveFailures());
            od.put("maxEjectFor", duration(o.maxEjectFor()));
            od.put("maxEjectedPercent", o.maxEjectedPercent());
            m.put("outlierDetection", od);
        }
        pool.healthCheck().ifPresent(h -> {
            Map<String, Object> hc = new LinkedHashMap<>();
            hc.put("path", h.path());
            hc.put("interval", duration(h.interval()));
            hc.put("timeout", duration(h.timeout()));
            hc.put("healthyThreshold", h.healthyThreshold());
            hc.put("unhealthyThreshold", h.unhealthyThreshold());
            hc.put("expectedStatuses", h.expectedStatuses().stream().map(HealthCheck.StatusRange::toString).toList());
            m.put("healthCheck", hc);
        });
        return m;
    }

    /** {@code true} for the defaults, else a mapping of the settings that differ from them. */
    private static Object tls(PoolTls t) {
        if (t.equals(PoolTls.DEFAULTS)) {
            return true;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        t.ca().ifPresent(v -> m.put("ca", v));
        if (!t.verifyHostname()) {
            m.put("verifyHostname", false);
        }
        t.serverName().ifPresent(v -> m.put("serverName", v));
        t.clientCertificate().ifPresent(v -> m.put("clientCertificate", v));
        t.clientKey().ifPresent(v -> m.put("clientKey", v));
        return m;
    }

    private static Object instance(Instance i) {
        if (i.weight() == 1) {
            return i.address();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", i.host());
        m.put("port", i.port());
        m.put("weight", i.weight());
        return m;
    }

    /** Whole milliseconds in the short form; anything finer in ISO-8601, which the reader also accepts. */
    private static String duration(Duration d) {
        return d.getNano() % 1_000_000 == 0 ? DurationText.format(d) : d.toString();
    }
}
