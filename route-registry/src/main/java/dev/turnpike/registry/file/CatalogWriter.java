package dev.turnpike.registry.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a catalog as the YAML {@link CatalogFile} reads: every field spelled out, so nothing depends on defaults. */
final class CatalogWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private CatalogWriter() {
    }

    static String write(Catalog catalog) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apis", catalog.apis().stream().map(CatalogWriter::api).toList());
        root.put("pools", catalog.pools().stream().map(CatalogWriter::pool).toList());
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // Only maps, lists, strings and numbers go in: failing here is a bug, not bad input.
            throw new UncheckedIOException("cannot write catalog as YAML", e);
        }
    }

    private static Map<String, Object> api(Api api) {
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
        m.put("targets", api.targets().stream().map(CatalogWriter::target).toList());
        m.put("routes", api.routes().stream().map(CatalogWriter::route).toList());
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

    private static Map<String, Object> pool(UpstreamPool pool) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", pool.id());
        m.put("instances", pool.instances().stream().map(CatalogWriter::instance).toList());
        m.put("balancer", PoolReader.balancerName(pool.balancer()));
        m.put("tls", pool.tls());
        PoolSettings s = pool.settings();
        m.put("maxConnections", s.maxConnections());
        m.put("pendingAcquireMax", s.pendingAcquireMax());
        m.put("connectTimeout", duration(s.connectTimeout()));
        m.put("responseTimeout", duration(s.responseTimeout()));
        m.put("maxIdleTime", duration(s.maxIdleTime()));
        m.put("ejectFor", duration(s.ejectFor()));
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
