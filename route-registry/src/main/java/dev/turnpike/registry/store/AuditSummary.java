package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.EncodedSlashes;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The audit log's one-line description of the entity a {@link CatalogChange} touches, as it is in a catalog: its
 * settings and references, never an OpenAPI document's text (only its operation count) and never key material (keys
 * are not in a catalog). Free text is quoted and cut, long lists are cut, so a summary stays far below the 4000
 * characters of its column.
 */
final class AuditSummary {
    private static final int TEXT_MAX = 120;
    private static final int LIST_MAX = 20;

    private AuditSummary() {
    }

    /** The entity {@code change} is about, as {@code catalog} has it; empty if it has none by that id. */
    static String of(Catalog catalog, CatalogChange change) {
        String id = change.entityId();
        switch (change.entityType()) {
            case "team":
                return catalog.teams().stream().filter(t -> t.id().equals(id)).findFirst()
                        .map(AuditSummary::team).orElse("");
            case "api":
                Api api = catalog.api(id);
                return api == null ? "" : api(api);
            case "pool":
                UpstreamPool pool = catalog.pool(id);
                return pool == null ? "" : pool(pool);
            case "consumer":
                return catalog.consumers().stream().filter(c -> c.id().equals(id)).findFirst()
                        .map(AuditSummary::consumer).orElse("");
            case "subscription":
                return catalog.subscriptions().stream().filter(s -> CatalogChange.subscriptionId(s).equals(id))
                        .findFirst().map(AuditSummary::subscription).orElse("");
            case "composite":
                Composite composite = catalog.composite(id);
                return composite == null ? "" : composite(composite);
            default:
                throw new IllegalArgumentException("entityType: \"" + change.entityType()
                        + "\" (expected: team, api, pool, consumer, subscription or composite)");
        }
    }

    static String team(Team t) {
        return "name=" + text(t.name()) + " contact=" + text(t.contact()) + " description=" + text(t.description());
    }

    static String api(Api a) {
        StringBuilder out = new StringBuilder()
                .append("name=").append(text(a.name()))
                .append(" version=").append(text(a.version()))
                .append(" owner=").append(a.owner())
                .append(a.host().map(h -> " host=" + h).orElse(""))
                .append(" basePath=").append(a.basePath())
                .append(" upstreamBasePath=").append(a.upstreamBasePath())
                .append(" lifecycle=").append(a.lifecycle())
                .append(a.sunset().map(d -> " sunset=" + d).orElse(""))
                .append(a.successor().map(s -> " successor=" + s).orElse(""))
                .append(" criticality=").append(a.criticality())
                .append(" targets=").append(list(a.targets().stream().map(t -> t.pool() + ":" + t.weight()).toList()))
                .append(a.spec().map(s -> " spec=" + s.operations().size() + " operations")
                        .orElse(" routes=" + a.routes().size()));
        String policies = policies(a.policies());
        return policies.isEmpty() ? out.toString() : out.append(' ').append(policies).toString();
    }

    static String pool(UpstreamPool p) {
        PoolSettings s = p.settings();
        return "instances=" + list(p.instances().stream().map(AuditSummary::instance).toList())
                + " balancer=" + p.balancer() + " tls=" + p.tls().map(AuditSummary::tls).orElse("false")
                + " maxConnections=" + s.maxConnections()
                + " pendingAcquireMax=" + s.pendingAcquireMax() + " connectTimeout=" + ms(s.connectTimeout())
                + " responseTimeout=" + ms(s.responseTimeout()) + " maxIdleTime=" + ms(s.maxIdleTime())
                + " ejectFor=" + ms(s.ejectFor()) + " consecutiveFailures=" + p.outliers().consecutiveFailures()
                + " maxEjectFor=" + ms(p.outliers().maxEjectFor()) + " maxEjectedPercent="
                + p.outliers().maxEjectedPercent() + p.healthCheck().map(h -> " healthCheck=" + text(h.path())
                        + " every " + ms(h.interval()) + " timeout " + ms(h.timeout()) + " healthy "
                        + h.healthyThreshold() + " unhealthy " + h.unhealthyThreshold() + " expect "
                        + h.expectedStatuses()).orElse("");
    }

    /** The TLS settings; file paths are shown (the catalog never holds key material itself). */
    private static String tls(PoolTls t) {
        return "true" + t.ca().map(c -> " ca=" + text(c)).orElse("")
                + (t.verifyHostname() ? "" : " verifyHostname=false")
                + t.serverName().map(n -> " serverName=" + n).orElse("")
                + t.clientCertificate().map(c -> " clientCertificate=" + text(c)).orElse("")
                + t.clientKey().map(k -> " clientKey=" + text(k)).orElse("");
    }

    static String consumer(Consumer c) {
        return "name=" + text(c.name()) + " team=" + c.team() + " contact=" + text(c.contact()) + " state=" + c.state();
    }

    static String subscription(Subscription s) {
        return "plan=" + s.plan().map(AuditSummary::plan).orElse("default") + " direct=" + s.direct();
    }

    static String composite(Composite k) {
        return "owner=" + k.owner() + " description=" + text(k.description()) + " lifecycle=" + k.lifecycle()
                + " " + k.method() + " " + k.path() + " timeout=" + ms(k.timeout()) + " parts="
                + list(k.parts().stream().map(AuditSummary::part).toList());
    }

    private static String part(CompositePart p) {
        return p.name() + ": " + p.api() + " " + p.request().method() + " " + p.request().path().text()
                + (p.request().query().isEmpty() ? "" : " query " + p.request().query().keySet())
                + (p.request().headers().isEmpty() ? "" : " headers " + p.request().headers().keySet())
                + (p.optional() ? " optional" : "") + p.timeout().map(t -> " timeout " + ms(t)).orElse("");
    }

    private static String plan(Plan p) {
        return p.perSecond() + "/s burst " + p.burst()
                + (p.dailyQuota().isPresent() ? " quota " + p.dailyQuota().getAsLong() + "/day" : "");
    }

    private static String policies(ApiPolicies p) {
        StringBuilder out = new StringBuilder();
        p.timeout().ifPresent(t -> out.append(" timeout=").append(ms(t)));
        p.retry().ifPresent(r -> out.append(" retry=").append(r.attempts())
                .append(r.onConnectFailure() ? " on connect-failure" : "")
                .append(r.onStatus().isEmpty() ? "" : " on " + r.onStatus())
                .append(" methods ").append(r.methods()));
        p.circuitBreaker().ifPresent(b -> out.append(" circuitBreaker=").append(b.failureRate()).append("% of ")
                .append(b.window()).append(" open ").append(ms(b.openFor())));
        p.bodyLimit().ifPresent(b -> out.append(" bodyLimit=").append(b));
        p.rateLimit().ifPresent(r -> out.append(" rateLimit=").append(r.perSecond()).append("/s burst ")
                .append(r.burst()));
        if (p.encodedSlashes() != EncodedSlashes.REFUSE) {
            out.append(" encodedSlashes=").append(p.encodedSlashes());
        }
        return out.toString().trim();
    }

    private static String instance(Instance i) {
        return i.address() + (i.weight() == 1 ? "" : " w" + i.weight());
    }

    private static String ms(Duration d) {
        return d.toMillis() + "ms";
    }

    private static String list(List<String> items) {
        String shown = items.stream().limit(LIST_MAX).collect(Collectors.joining(", "));
        return "[" + shown + (items.size() > LIST_MAX ? ", ... " + (items.size() - LIST_MAX) + " more" : "") + "]";
    }

    private static String text(String value) {
        String cut = value.length() <= TEXT_MAX ? value : value.substring(0, TEXT_MAX - 3) + "...";
        return "\"" + cut.replace("\n", " ") + "\"";
    }
}
