package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.Slug;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code pools:} list of one catalog file. */
final class PoolReader {
    static final List<String> POOL_FIELDS = List.of("id", "instances", "balancer", "tls", "maxConnections",
            "pendingAcquireMax", "connectTimeout", "responseTimeout", "maxIdleTime", "ejectFor", "outlierDetection",
            "healthCheck");
    static final List<String> OUTLIER_FIELDS = List.of("consecutiveFailures", "maxEjectFor", "maxEjectedPercent");
    static final List<String> HEALTH_CHECK_FIELDS = List.of("path", "interval", "timeout", "healthyThreshold",
            "unhealthyThreshold", "expectedStatuses");
    static final List<String> TLS_FIELDS = List.of("ca", "verifyHostname", "serverName", "clientCertificate",
            "clientKey");
    static final List<String> INSTANCE_FIELDS = List.of("host", "port", "weight");
    private static final String ADDRESS = "host:port, [ipv6]:port or {host, port, weight}";

    /**
     * A pool as read. {@code id} is set whenever the id itself was valid, so references to a pool with other
     * problems are not also reported as references to a missing pool.
     */
    record Placed(UpstreamPool pool, String id, YamlFields fields) {
    }

    private final String source;
    private final ViolationCollector violations;

    PoolReader(String source, ViolationCollector violations) {
        this.source = source;
        this.violations = violations;
    }

    List<Placed> read(List<YamlNode> items) {
        List<Placed> pools = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Placed pool = readOne(items.get(i), "pools[" + i + "]");
            if (pool != null) {
                pools.add(pool);
            }
        }
        return pools;
    }

    /** One pool at {@code path}; {@code null} if it is not even a mapping (reported). */
    Placed readOne(YamlNode node, String path) {
        YamlFields f = YamlFields.of(node, path, source, violations, POOL_FIELDS);
        return f == null ? null : readPool(f);
    }

    private Placed readPool(YamlFields f) {
        int before = violations.size();
        String id = f.requiredText("id", "a pool id");
        if (id != null) {
            f.check(() -> Slug.require("id", id));
        }
        String validId = Slug.isValid(id) ? id : null;
        List<Instance> instances = instances(f);
        Balancer balancer = f.parsed("balancer", Balancer.LEAST_OUTSTANDING, PoolReader::balancer);
        Optional<PoolTls> tls = TlsReader.tls(f);
        PoolSettings d = PoolSettings.DEFAULTS;
        Integer maxConnections = f.integer("maxConnections", d.maxConnections());
        Integer pendingAcquireMax = f.integer("pendingAcquireMax", d.pendingAcquireMax());
        Duration connectTimeout = f.duration("connectTimeout", d.connectTimeout());
        Duration responseTimeout = f.duration("responseTimeout", d.responseTimeout());
        Duration maxIdleTime = f.duration("maxIdleTime", d.maxIdleTime());
        Duration ejectFor = f.duration("ejectFor", d.ejectFor());
        OutlierDetection outliers = HealthReader.outliers(f);
        Optional<HealthCheck> healthCheck = HealthReader.healthCheck(f);
        if (violations.size() > before) {
            return new Placed(null, validId, f);
        }
        try {
            PoolSettings settings = new PoolSettings(maxConnections, pendingAcquireMax, connectTimeout,
                    responseTimeout, maxIdleTime, ejectFor);
            return new Placed(new UpstreamPool(id, instances, balancer, tls, settings, outliers, healthCheck), id, f);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return new Placed(null, validId, f);
        }
    }

    private List<Instance> instances(YamlFields f) {
        List<YamlNode> items = f.list("instances", true);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            f.report("instances", "[] (expected: at least one " + ADDRESS + ")");
            return null;
        }
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            instances.add(instance(items.get(i), f.path("instances") + "[" + i + "]"));
        }
        return instances.contains(null) ? null : instances;
    }

    private Instance instance(YamlNode node, String path) {
        if (node.kind() == YamlNode.Kind.SCALAR && node.type() == YamlNode.ScalarType.STRING) {
            try {
                return parseAddress(node.text());
            } catch (IllegalArgumentException e) {
                violations.add(source, path, node.line(), "\"" + node.text() + "\": " + e.getMessage());
                return null;
            }
        }
        if (node.kind() != YamlNode.Kind.MAPPING) {
            violations.add(source, path, node.line(), node.describe() + " (expected: " + ADDRESS + ")");
            return null;
        }
        YamlFields f = YamlFields.of(node, path, source, violations, INSTANCE_FIELDS);
        int before = violations.size();
        String host = f.requiredText("host", "a host name or IP address");
        Integer port = f.requiredInteger("port");
        Integer weight = f.integer("weight", 1);
        if (violations.size() > before) {
            return null;
        }
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return new Instance(bare, port, weight);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    /** Reads {@code host:port} or {@code [ipv6]:port} into an instance of weight 1. */
    static Instance parseAddress(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("port missing (expected: " + ADDRESS + ")");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("port missing (expected: " + ADDRESS + ")");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("IPv6 address without brackets (expected: " + ADDRESS + ")");
            }
        }
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("port: \"" + port + "\" (expected: 1..65535)");
        }
        return new Instance(host, Integer.parseInt(port), 1);
    }

    /** {@code least-outstanding}, {@code round-robin} or {@code peak-ewma}, in any case, dashes or underscores. */
    static Balancer balancer(String text) {
        try {
            return Balancer.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" (expected: least-outstanding, round-robin or peak-ewma)", e);
        }
    }

    /** The text written for {@code balancer}. */
    static String balancerName(Balancer balancer) {
        return balancer.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
