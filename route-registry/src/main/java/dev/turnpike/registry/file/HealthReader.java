package dev.turnpike.registry.file;

import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.OutlierDetection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pool's {@code outlierDetection:} and {@code healthCheck:} mappings. Each method returns {@code null} after
 * reporting a problem.
 */
final class HealthReader {
    private static final String STATUS = "a status 100..599 or a range such as 200-299";

    private HealthReader() {
    }

    /** The pool's outlier detection; the defaults when absent. */
    static OutlierDetection outliers(YamlFields pool) {
        YamlFields f = pool.mapping("outlierDetection", PoolReader.OUTLIER_FIELDS);
        if (f == null) {
            return pool.has("outlierDetection") ? null : OutlierDetection.DEFAULTS;
        }
        OutlierDetection d = OutlierDetection.DEFAULTS;
        int before = f.violationCount();
        Integer consecutive = f.integer("consecutiveFailures", d.consecutiveFailures());
        Duration maxEjectFor = f.duration("maxEjectFor", d.maxEjectFor());
        Integer maxPercent = f.integer("maxEjectedPercent", d.maxEjectedPercent());
        if (f.violationCount() > before) {
            return null;
        }
        try {
            return new OutlierDetection(consecutive, maxEjectFor, maxPercent);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    /** The pool's active health check; empty when absent. */
    static Optional<HealthCheck> healthCheck(YamlFields pool) {
        YamlFields f = pool.mapping("healthCheck", PoolReader.HEALTH_CHECK_FIELDS);
        if (f == null) {
            return pool.has("healthCheck") ? null : Optional.empty();
        }
        int before = f.violationCount();
        String path = f.requiredText("path", "a path such as /health");
        Duration interval = f.duration("interval", HealthCheck.DEFAULT_INTERVAL);
        Duration timeout = f.duration("timeout", HealthCheck.DEFAULT_TIMEOUT);
        Integer healthy = f.integer("healthyThreshold", HealthCheck.DEFAULT_HEALTHY_THRESHOLD);
        Integer unhealthy = f.integer("unhealthyThreshold", HealthCheck.DEFAULT_UNHEALTHY_THRESHOLD);
        List<HealthCheck.StatusRange> statuses = statuses(f);
        if (f.violationCount() > before) {
            return null;
        }
        try {
            return Optional.of(new HealthCheck(path, interval, timeout, healthy, unhealthy, statuses));
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    private static List<HealthCheck.StatusRange> statuses(YamlFields f) {
        List<YamlNode> items = f.list("expectedStatuses", false);
        if (items == null) {
            return HealthCheck.DEFAULT_STATUSES;
        }
        List<HealthCheck.StatusRange> statuses = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String at = f.path("expectedStatuses") + "[" + i + "]";
            if (item.kind() != YamlNode.Kind.SCALAR || item.isNull()) {
                f.reportAt(at, item.line(), item.describe() + " (expected: " + STATUS + ")");
                continue;
            }
            try {
                statuses.add(HealthCheck.StatusRange.parse(item.text()));
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                f.reportAt(at, item.line(), message.substring(message.indexOf(": ") + 2));
            }
        }
        return statuses;
    }
}
