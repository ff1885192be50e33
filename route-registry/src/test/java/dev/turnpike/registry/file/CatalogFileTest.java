package dev.turnpike.registry.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.registry.file.CatalogFileException.Violation;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.EncodedSlashes;
import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {
    private static final String POOL = "pools:\n  - id: p\n    instances: [\"h:1\"]\n";

    @TempDir
    Path dir;

    @Test
    void readsTheFullExample() throws Exception {
        Catalog catalog = CatalogFile.read(Path.of("src/test/resources/catalog/full.yaml"));

        Api products = new Api("products", "Products", "v1", "catalog-team", "Items, prices and stock",
                Optional.of("api.example.com"), "/products/v1", "/", Lifecycle.DEPRECATED,
                List.of(new Target("products-blue", 95), new Target("products-green", 5)),
                List.of(new Route("GET", "/items/{id}"), new Route("*", "/admin/**")));
        Api orders = new Api("orders", "orders", "", "order-team", "", Optional.empty(), "/orders", "/",
                Lifecycle.ACTIVE, List.of(new Target("orders", 1)), List.of(Route.prefix()));
        UpstreamPool blue = new UpstreamPool("products-blue",
                List.of(new Instance("127.0.0.1", 8081, 1), new Instance("127.0.0.1", 8082, 2),
                        new Instance("::1", 8083, 1)),
                Balancer.ROUND_ROBIN, true, new PoolSettings(100, 0, Duration.ofMillis(250), Duration.ofSeconds(5),
                        Duration.ofMinutes(1), Duration.ZERO));
        UpstreamPool green = UpstreamPool.of("products-green", List.of(new Instance("green.internal", 80, 1)));
        UpstreamPool ordersPool = UpstreamPool.of("orders", List.of(new Instance("orders.internal", 9000, 1)));
        assertThat(catalog).isEqualTo(new Catalog(List.of(products, orders), List.of(blue, green, ordersPool)));
    }

    @Test
    void readsTemplatesUnquotedInBlockStyleButNotInFlowMappings() throws Exception {
        Catalog block = CatalogFile.parse(POOL + """
                apis:
                  - id: a
                    owner: t
                    basePath: /a
                    targets: [ { pool: p } ]
                    routes:
                      - method: GET
                        path: /items/{id}
                """, "block.yaml");
        assertThat(block.apis().get(0).routes()).containsExactly(new Route("GET", "/items/{id}"));

        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(POOL + """
                apis:
                  - { id: a, owner: t, basePath: /a, targets: [ { pool: p } ], routes: [ { method: GET, path: /items/{id} } ] }
                """, "flow.yaml"));
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.line()).isEqualTo(5));
    }

    @Test
    void theExampleInTheDocsIsValid() throws Exception {
        String doc = Files.readString(Path.of("../docs/catalog.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));

        // The example's spec: specs/products.yaml resolves against the test resources, which have that file.
        Catalog catalog = CatalogFile.parse(example, "docs/catalog.md", Path.of("src/test/resources/catalog"));

        assertThat(catalog.apis()).extracting(Api::id).containsExactly("products", "orders", "reviews", "products-v0");
        assertThat(catalog.teams()).hasSize(3);
        assertThat(catalog.subscriptions()).hasSize(2);
        assertThat(catalog.api("reviews").routes()).hasSize(3);
        assertThat(catalog.api("products").policies().rateLimit()).isPresent();
        assertThat(catalog.pools()).extracting(UpstreamPool::id)
                .containsExactly("products-blue", "products-green", "orders");
        assertThat(catalog.pool("products-blue").instances()).containsExactly(new Instance("10.0.1.10", 8080, 1),
                new Instance("10.0.1.11", 8080, 2), new Instance("fd00::12", 8080, 1));
        assertThat(catalog.pool("products-blue").settings()).isEqualTo(PoolSettings.DEFAULTS);
    }

    @Test
    void emptyTextIsTheEmptyCatalog() throws Exception {
        assertThat(CatalogFile.parse("", "empty.yaml")).isEqualTo(Catalog.EMPTY);
        assertThat(CatalogFile.parse("apis: []\npools: []\n", "empty.yaml")).isEqualTo(Catalog.EMPTY);
    }

    @Test
    void writeThenParseGivesAnEqualCatalog() throws Exception {
        Catalog catalog = CatalogFile.read(Path.of("src/test/resources/catalog/full.yaml"));
        UpstreamPool odd = new UpstreamPool("odd", List.of(new Instance("::1", 1, 1_000_000)), Balancer.LEAST_OUTSTANDING,
                false, new PoolSettings(1, 1, Duration.ofNanos(1_500_000), Duration.ofDays(2), Duration.ofHours(3),
                        Duration.ofMillis(1001)), new OutlierDetection(0, Duration.ofMillis(1500), 100),
                Optional.of(new HealthCheck("/ready?x=1", Duration.ofMinutes(1), Duration.ofMillis(10), 100, 1,
                        List.of(new HealthCheck.StatusRange(200, 200), new HealthCheck.StatusRange(300, 399)))));
        Api tricky = new Api("tricky", "true", "1.0", "t", "multi\nline: \"quoted\" # not a comment",
                Optional.empty(), "/", "/up", Lifecycle.RETIRED, List.of(new Target("odd", 1), new Target("orders", 0)),
                List.of(new Route("*", "/"), new Route("DELETE", "/a/{b}/")));
        List<Api> apis = new java.util.ArrayList<>(catalog.apis());
        apis.add(tricky);
        List<UpstreamPool> pools = new java.util.ArrayList<>(catalog.pools());
        pools.add(odd);
        pools.add(new UpstreamPool("mtls", List.of(new Instance("a", 443, 1)), Balancer.LEAST_OUTSTANDING,
                Optional.of(PoolTls.DEFAULTS.withCa("/etc/ca.pem").withVerifyHostname(false).withServerName("a.internal")
                        .withClientCertificate("/etc/c.pem", "/etc/k.pem")), PoolSettings.DEFAULTS,
                OutlierDetection.DEFAULTS, Optional.empty()));
        pools.add(new UpstreamPool("sni", List.of(new Instance("b", 443, 1)), Balancer.LEAST_OUTSTANDING,
                Optional.of(PoolTls.DEFAULTS.withServerName("b.internal")), PoolSettings.DEFAULTS,
                OutlierDetection.DEFAULTS, Optional.empty()));
        Catalog everything = new Catalog(apis, pools);

        String yaml = CatalogFile.write(everything);

        assertThat(CatalogFile.parse(yaml, "written.yaml")).isEqualTo(everything);
        assertThat(CatalogFile.parse(CatalogFile.write(Catalog.EMPTY), "e")).isEqualTo(Catalog.EMPTY);
    }

    @Test
    void reportsEachInvalidValueWithItsPathAndLine() {
        String yaml = """
                apis:
                  - id: Bad_Id
                    owner: team
                    basePath: /x/
                    lifecycle: sunset
                    targets:
                      - { pool: p, weight: -1 }
                    routes:
                      - { method: get, path: /a }
                      - { method: GET, path: "a//b" }
                pools:
                  - id: p
                    instances: [ "h:1", "nohost", { host: h, port: 70000 } ]
                    maxConnections: 0
                    connectTimeout: 5 seconds
                    balancer: random
                """;

        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(yaml, "c.yaml"));

        assertThat(e.violations()).containsExactly(
                new Violation("apis[0].id", 2,
                        "\"Bad_Id\" (expected: 1-64 of a-z, 0-9, '-', starting with a letter or digit)"),
                new Violation("apis[0].basePath", 4,
                        "\"/x/\" (expected: / or /segment[/segment...] without a trailing slash)"),
                new Violation("apis[0].lifecycle", 5, "\"sunset\" (expected: ACTIVE, DEPRECATED or RETIRED)"),
                new Violation("apis[0].targets[0].weight", 7, "-1 (expected: 0..1000000)"),
                new Violation("apis[0].routes[0].method", 9,
                        "\"get\" (expected: one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE or *)"),
                new Violation("apis[0].routes[1].path", 10, "\"a//b\" (expected: a path starting with /)"),
                new Violation("pools[0].instances[1]", 13,
                        "\"nohost\": port missing (expected: host:port, [ipv6]:port or {host, port, weight})"),
                new Violation("pools[0].instances[2].port", 13, "70000 (expected: 1..65535)"),
                new Violation("pools[0].connectTimeout", 15,
                        "\"5 seconds\" (expected: a duration such as 250ms, 2s, 5m, 1h)"),
                new Violation("pools[0].balancer", 16, "\"random\" (expected: least-outstanding, round-robin or peak-ewma)"));
        assertThat(e.getMessage()).startsWith("c.yaml:2: apis[0].id: \"Bad_Id\" (expected: ")
                .contains("\nc.yaml:7: apis[0].targets[0].weight: -1 (expected: 0..1000000)\n");
        assertThat(e.getMessage().lines()).hasSize(10);
    }

    @Test
    void apisNeedAKeyUnlessMarkedPublic() throws Exception {
        Catalog catalog = CatalogFile.parse("""
                apis:
                  - { id: open, owner: t, basePath: /open, policies: { publicAccess: true }, targets: [ { pool: p } ] }
                  - { id: closed, owner: t, basePath: /closed, targets: [ { pool: p } ] }
                  - { id: explicit, owner: t, basePath: /explicit, policies: { publicAccess: false },
                      targets: [ { pool: p } ] }
                pools:
                  - { id: p, instances: [ "h:1" ] }
                """, "c.yaml");

        assertThat(catalog.api("open").policies().publicAccess()).isTrue();
        assertThat(catalog.api("closed").policies().publicAccess()).isFalse();
        assertThat(catalog.api("explicit").policies().publicAccess()).isFalse();
        assertThat(CatalogFile.parse(CatalogFile.write(catalog), "again.yaml")).isEqualTo(catalog);
    }

    @Test
    void refusesEncodedSlashesUnlessAnApiPassesThem() throws Exception {
        Catalog catalog = CatalogFile.parse("""
                apis:
                  - { id: files, owner: t, basePath: /files, policies: { encodedSlashes: pass }, targets: [ { pool: p } ] }
                  - { id: plain, owner: t, basePath: /plain, targets: [ { pool: p } ] }
                  - { id: strict, owner: t, basePath: /strict, policies: { encodedSlashes: REFUSE },
                      targets: [ { pool: p } ] }
                pools:
                  - { id: p, instances: [ "h:1" ] }
                """, "c.yaml");

        assertThat(catalog.api("files").policies().encodedSlashes()).isEqualTo(EncodedSlashes.PASS);
        assertThat(catalog.api("plain").policies().encodedSlashes()).isEqualTo(EncodedSlashes.REFUSE);
        assertThat(catalog.api("strict").policies().encodedSlashes()).isEqualTo(EncodedSlashes.REFUSE);
        assertThat(CatalogFile.write(catalog)).contains("encodedSlashes: \"pass\"").doesNotContain("refuse");
        assertThat(CatalogFile.parse(CatalogFile.write(catalog), "again.yaml")).isEqualTo(catalog);

        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                apis:
                  - { id: a, owner: t, basePath: /a, policies: { encodedSlashes: decode }, targets: [ { pool: p } ] }
                pools:
                  - { id: p, instances: [ "h:1" ] }
                """, "c.yaml"));
        assertThat(e.violations()).extracting(Violation::path, Violation::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("apis[0].policies.encodedSlashes",
                        "\"decode\" (expected: refuse or pass)"));
    }

    @Test
    void jsonStreamedEntityByEntityIsTheJsonTextAndReadsBack() throws Exception {
        Catalog catalog = CatalogFile.parse("""
                teams: [ { id: t }, { id: u } ]
                apis:
                  - { id: a, owner: t, basePath: /a, targets: [ { pool: p } ] }
                  - { id: b, owner: u, basePath: /b, targets: [ { pool: p } ] }
                pools:
                  - { id: p, instances: [ "h:1" ] }
                consumers:
                  - { id: c1, team: t, subscriptions: [ { api: a }, { api: b, plan: { perSecond: 5, burst: 9 } } ] }
                  - { id: c2, team: u, subscriptions: [ { api: b } ] }
                  - { id: c3, team: u }
                """, "c.yaml");
        java.io.StringWriter streamed = new java.io.StringWriter();
        CatalogFile.writeJson(catalog, streamed);
        streamed.write("\n"); // the writer is left open for what follows

        assertThat(streamed.toString()).isEqualTo(CatalogFile.writeJson(catalog) + "\n");
        assertThat(CatalogFile.parse(streamed.toString(), "streamed.json")).isEqualTo(catalog);
    }

    @Test
    void rejectsAPublicAccessThatIsNotABoolean() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                apis:
                  - id: open
                    owner: t
                    basePath: /open
                    policies: { publicAccess: "yes please" }
                    targets: [ { pool: p } ]
                pools:
                  - { id: p, instances: [ "h:1" ] }
                """, "c.yaml"));

        assertThat(e.violations()).hasSize(1);
        assertThat(e.violations().get(0).path()).isEqualTo("apis[0].policies.publicAccess");
        assertThat(e.violations().get(0).message()).contains("(expected: true or false)");
    }

    @Test
    void reportsModelChecksThatNeedTheWholeRecord() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                pools:
                  - id: p
                    instances: [ "h:1" ]
                    maxConnections: 0
                """, "c.yaml"));

        assertThat(e.violations()).containsExactly(new Violation("pools[0].maxConnections", 4, "0 (expected: > 0)"));
    }

    @Test
    void rejectsUnknownFieldsListingTheAllowedOnes() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                gateways: []
                pools:
                  - id: p
                    instances: [ { host: h, port: 1, zone: a } ]
                    timeout: 2s
                """, "c.yaml"));

        assertThat(e.violations()).containsExactly(
                new Violation("gateways", 1, "unknown field (expected one of: teams, apis, pools, consumers,"
                        + " composites)"),
                new Violation("pools[0].instances[0].zone", 4, "unknown field (expected one of: host, port, weight)"),
                new Violation("pools[0].timeout", 5, "unknown field (expected one of: id, instances, balancer, tls,"
                        + " maxConnections, pendingAcquireMax, connectTimeout, responseTimeout, maxIdleTime, ejectFor,"
                        + " outlierDetection, healthCheck)"));
    }

    @Test
    void readsAPoolsHealthSettingsWithTheirDefaults() throws Exception {
        Catalog catalog = CatalogFile.parse("""
                pools:
                  - id: checked
                    instances: [ "h:1" ]
                    balancer: peak-ewma
                    outlierDetection: { consecutiveFailures: 3 }
                    healthCheck: { path: /health }
                  - id: full
                    instances: [ "h:2" ]
                    outlierDetection: { consecutiveFailures: 0, maxEjectFor: 1m, maxEjectedPercent: 100 }
                    healthCheck:
                      path: /ready
                      interval: 5s
                      timeout: 500ms
                      healthyThreshold: 1
                      unhealthyThreshold: 2
                      expectedStatuses: [ 200, "300-399" ]
                  - id: plain
                    instances: [ "h:3" ]
                """, "c.yaml");

        UpstreamPool checked = catalog.pool("checked");
        assertThat(checked.balancer()).isEqualTo(Balancer.PEAK_EWMA);
        assertThat(checked.outliers()).isEqualTo(new OutlierDetection(3, Duration.ofMinutes(5), 50));
        assertThat(checked.healthCheck()).hasValue(HealthCheck.of("/health"));
        assertThat(catalog.pool("full").outliers()).isEqualTo(new OutlierDetection(0, Duration.ofMinutes(1), 100));
        assertThat(catalog.pool("full").healthCheck()).hasValue(new HealthCheck("/ready", Duration.ofSeconds(5),
                Duration.ofMillis(500), 1, 2,
                List.of(new HealthCheck.StatusRange(200, 200), new HealthCheck.StatusRange(300, 399))));
        assertThat(catalog.pool("plain").outliers()).isEqualTo(OutlierDetection.DEFAULTS);
        assertThat(catalog.pool("plain").healthCheck()).isEmpty();
        assertThat(CatalogFile.parse(CatalogFile.write(catalog), "w.yaml")).isEqualTo(catalog);
    }

    @Test
    void reportsInvalidHealthSettingsWithTheirPaths() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                pools:
                  - id: p
                    instances: [ "h:1" ]
                    outlierDetection: { consecutiveFailures: -1, maxEjectedPercent: 101 }
                  - id: q
                    instances: [ "h:1" ]
                    outlierDetection: { maxEjectedPercent: 101, jitter: 1 }
                    healthCheck: { interval: 1s }
                  - id: r
                    instances: [ "h:1" ]
                    healthCheck: { path: health, expectedStatuses: [ 200, "2xx", 700 ] }
                  - id: s
                    instances: [ "h:1" ]
                    healthCheck: { path: /h, interval: 1s, timeout: 2s }
                """, "c.yaml"));

        assertThat(e.violations()).containsExactly(
                new Violation("pools[0].outlierDetection.consecutiveFailures", 4,
                        "-1 (expected: 0..1000, 0 to eject on connect failures only)"),
                new Violation("pools[1].outlierDetection.jitter", 7,
                        "unknown field (expected one of: consecutiveFailures, maxEjectFor, maxEjectedPercent)"),
                new Violation("pools[1].outlierDetection.maxEjectedPercent", 7, "101 (expected: 0..100)"),
                new Violation("pools[1].healthCheck", 8, "missing field path (expected: a path such as /health)"),
                new Violation("pools[2].healthCheck.expectedStatuses[1]", 11,
                        "\"2xx\" (expected: a status 100..599 or a range such as 200-299)"),
                new Violation("pools[2].healthCheck.expectedStatuses[2]", 11,
                        "700 (expected: a status 100..599 or a range such as 200-299)"),
                new Violation("pools[3].healthCheck.timeout", 14, "PT2S (expected: > 0 and <= interval PT1S)"));
    }

    @Test
    void readsTlsAsAFlagOrAsSettingsWithVerificationOnByDefault() throws Exception {
        Catalog catalog = CatalogFile.parse("""
                pools:
                  - { id: plain, instances: ["h:1"] }
                  - { id: off, instances: ["h:1"], tls: false }
                  - { id: on, instances: ["h:1"], tls: true }
                  - id: custom
                    instances: ["h:1"]
                    tls:
                      ca: /etc/turnpike/ca.pem
                      serverName: Orders.Internal
                      clientCertificate: /etc/turnpike/client.pem
                      clientKey: /etc/turnpike/client-key.pem
                  - { id: nohost, instances: ["h:1"], tls: { verifyHostname: false } }
                """, "tls.yaml");

        assertThat(catalog.pool("plain").tls()).isEmpty();
        assertThat(catalog.pool("off").tls()).isEmpty();
        assertThat(catalog.pool("on").tls()).contains(PoolTls.DEFAULTS);
        assertThat(catalog.pool("custom").tls()).contains(new PoolTls(Optional.of("/etc/turnpike/ca.pem"), true,
                Optional.of("Orders.Internal"), Optional.of("/etc/turnpike/client.pem"),
                Optional.of("/etc/turnpike/client-key.pem")));
        assertThat(catalog.pool("nohost").tls()).contains(PoolTls.DEFAULTS.withVerifyHostname(false));
        assertThat(CatalogFile.write(catalog)).contains("tls: false", "tls: true", "verifyHostname: false")
                .doesNotContain("verifyHostname: true");
    }

    @Test
    void reportsInvalidTlsSettingsWithTheirPaths() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                pools:
                  - { id: a, instances: ["h:1"], tls: { ca: certs/ca.pem } }
                  - { id: b, instances: ["h:1"], tls: { serverName: 10.0.0.1 } }
                  - { id: c, instances: ["h:1"], tls: { clientCertificate: /c.pem } }
                  - { id: d, instances: ["h:1"], tls: { verifyHostname: maybe, sni: x } }
                  - { id: e, instances: ["h:1"], tls: [ /ca.pem ] }
                """, "tls.yaml"));

        assertThat(e.violations()).extracting(Violation::path, Violation::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pools[0].tls.ca",
                        "\"certs/ca.pem\" (expected: an absolute path of a PEM file on the gateway nodes)"),
                org.assertj.core.groups.Tuple.tuple("pools[1].tls.serverName",
                        "\"10.0.0.1\" (expected: a DNS host name such as orders.internal, not an IP address)"),
                org.assertj.core.groups.Tuple.tuple("pools[2].tls",
                        "clientKey: missing (expected: a key file, since clientCertificate is set)"),
                org.assertj.core.groups.Tuple.tuple("pools[3].tls.sni", "unknown field (expected one of: ca,"
                        + " verifyHostname, serverName, clientCertificate, clientKey)"),
                org.assertj.core.groups.Tuple.tuple("pools[3].tls.verifyHostname",
                        "\"maybe\" (expected: true or false)"),
                org.assertj.core.groups.Tuple.tuple("pools[4].tls", "a list (expected: true, false or a mapping of ca,"
                        + " verifyHostname, serverName, clientCertificate, clientKey)"));
    }

    @Test
    void reportsWrongTypesAndMissingFields() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                apis:
                  - name: [ a ]
                    targets: { pool: p }
                    routes: /all
                  - just a string
                pools:
                  - id: p
                    instances: "h:1"
                    tls: yes please
                    maxConnections: 1.5
                    pendingAcquireMax: 99999999999
                """, "c.yaml"));

        assertThat(e.violations()).extracting(Violation::path, Violation::line, Violation::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("apis[0]", 2, "missing field id (expected: an API id)"),
                org.assertj.core.groups.Tuple.tuple("apis[0].name", 2,
                        "a list (expected: a string; leave the field out for the default)"),
                org.assertj.core.groups.Tuple.tuple("apis[0]", 2, "missing field owner (expected: the owning team's id)"),
                org.assertj.core.groups.Tuple.tuple("apis[0]", 2,
                        "missing field basePath (expected: the public path prefix such as /products/v1)"),
                org.assertj.core.groups.Tuple.tuple("apis[0].targets", 3, "a mapping (expected: a list)"),
                org.assertj.core.groups.Tuple.tuple("apis[0].routes", 4, "\"/all\" (expected: a list)"),
                org.assertj.core.groups.Tuple.tuple("apis[1]", 5, "\"just a string\" (expected: a mapping with fields"
                        + " id, name, version, owner, description, host, basePath, upstreamBasePath, lifecycle,"
                        + " sunset, successor, criticality, policies, spec, targets, routes)"),
                org.assertj.core.groups.Tuple.tuple("pools[0].instances", 8, "\"h:1\" (expected: a list)"),
                org.assertj.core.groups.Tuple.tuple("pools[0].tls", 9, "\"yes please\" (expected: true, false or a"
                        + " mapping of ca, verifyHostname, serverName, clientCertificate, clientKey)"),
                org.assertj.core.groups.Tuple.tuple("pools[0].maxConnections", 10, "1.5 (expected: a whole number)"),
                org.assertj.core.groups.Tuple.tuple("pools[0].pendingAcquireMax", 11,
                        "99999999999 (expected: a whole number)"));
    }

    @Test
    void reportsBrokenCrossReferences() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                apis:
                  - { id: a, owner: t, basePath: /a, targets: [ { pool: p, weight: 1 }, { pool: missing } ] }
                  - { id: a, owner: t, basePath: /b, targets: [ { pool: p, weight: 1 } ] }
                  - { id: c, owner: t, basePath: /a, targets: [ { pool: p, weight: 1 }, { pool: p, weight: 2 } ] }
                  - { id: d, owner: t, basePath: /a, host: Other.example.com, targets: [ { pool: p, weight: 0 } ] }
                pools:
                  - { id: p, instances: [ "h:1" ] }
                  - { id: p, instances: [ "h:2" ] }
                """, "c.yaml"));

        assertThat(e.violations()).containsExactly(
                new Violation("apis[0].targets[1].pool", 2, "\"missing\" (expected: the id of a pool in the catalog)"),
                new Violation("apis[1].id", 3, "\"a\" twice (expected: unique API ids; also at c.yaml:2 apis[0].id)"),
                new Violation("apis[2].targets[1].pool", 4,
                        "\"p\" twice (expected: each pool once; also in targets[0])"),
                new Violation("apis[3].targets", 5,
                        "[Target[pool=p, weight=0]] (expected: at least one pool with weight > 0)"),
                new Violation("pools[1].id", 8, "\"p\" twice (expected: unique pool ids; also at c.yaml:7 pools[0].id)"));
    }

    @Test
    void reportsTwoApisOnTheSameHostAndBasePath() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(POOL + """
                apis:
                  - { id: a, owner: t, basePath: /a, targets: [ { pool: p } ] }
                  - { id: b, owner: t, basePath: /a, host: x.example.com, targets: [ { pool: p } ] }
                  - { id: c, owner: t, basePath: /a, host: X.example.com, targets: [ { pool: p } ] }
                """, "c.yaml"));

        assertThat(e.violations()).containsExactly(new Violation("apis[2].basePath", 7, "\"/a\" on host x.example.com"
                + " (expected: a base path no other API uses on that host; API \"b\" has it at c.yaml:6"
                + " apis[1].basePath)"));
    }

    @Test
    void reportsMalformedYamlWithTheParsersLine() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                apis:
                  - id: a
                    owner: [ unclosed
                pools: []
                """, "bad.yaml"));

        assertThat(e.violations()).hasSize(1);
        Violation v = e.violations().get(0);
        assertThat(v.path()).isEqualTo("(root)");
        assertThat(v.line()).isBetween(3, 5);
        assertThat(v.message()).startsWith("not valid YAML: ");
        assertThat(e.getMessage()).startsWith("bad.yaml:" + v.line() + ": (root): not valid YAML: ");
    }

    @Test
    void rejectsASecondDocument() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class,
                () -> CatalogFile.parse(POOL + "---\n" + POOL, "two.yaml"));

        assertThat(e.violations()).extracting(Violation::path, Violation::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("(root)",
                        "a second YAML document (expected: one document per file; use several files instead)"));
    }

    @Test
    void reportsDuplicateKeysAndNullValues() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse("""
                pools:
                  - id: p
                    id: q
                    instances: [ "h:1" ]
                    balancer:
                """, "c.yaml"));

        assertThat(e.violations()).containsExactly(
                new Violation("pools[0].id", 3, "key given twice (expected: each key once; first on line 2)"),
                new Violation("pools[0].balancer", 5,
                        "null (expected: a string; leave the field out for the default)"));
    }

    @Test
    void mergesFilesAndReportsDuplicatesWithBothSources() throws Exception {
        Path pools = Files.writeString(dir.resolve("pools.yaml"), POOL);
        Path apis = Files.writeString(dir.resolve("apis.yaml"), """
                apis:
                  - { id: a, owner: t, basePath: /a, targets: [ { pool: p } ] }
                """);
        Catalog merged = CatalogFile.read(List.of(pools, apis));
        assertThat(merged.apis()).extracting(Api::id).containsExactly("a");
        assertThat(merged.pools()).extracting(UpstreamPool::id).containsExactly("p");

        Path again = Files.writeString(dir.resolve("again.yaml"), "\n" + POOL);
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class,
                () -> CatalogFile.read(List.of(pools, apis, again)));

        assertThat(e.violations()).containsExactly(new Violation("pools[0].id", 3,
                "\"p\" twice (expected: unique pool ids; also at " + pools + ":2 pools[0].id)"));
        assertThat(e.sources()).containsExactly(again.toString());
        assertThat(e.getMessage()).isEqualTo(again + ":3: pools[0].id: \"p\" twice (expected: unique pool ids;"
                + " also at " + pools + ":2 pools[0].id)");
    }

    @Test
    void reportsAFileThatCannotBeRead() {
        Path missing = dir.resolve("missing.yaml");
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.read(missing));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("(file)");
            assertThat(v.message()).isEqualTo("cannot read: no such file (expected: the path of a catalog file)");
        });
        assertThat(e).hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
