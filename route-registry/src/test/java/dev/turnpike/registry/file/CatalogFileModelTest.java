package dev.turnpike.registry.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.registry.file.CatalogFileException.Violation;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.CircuitBreakerPolicy;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.RetryPolicy;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teams, consumers, subscriptions, lifecycle details, policies and specs in catalog files. */
class CatalogFileModelTest {
    private static final String POOL = "pools:\n  - id: p\n    instances: [\"h:1\"]\n";
    private static final String SPEC = """
            openapi: 3.0.3
            info: { title: t, version: "1" }
            paths:
              /ping:
                get:
                  responses:
                    "200": { description: pong }
            """;

    @TempDir
    Path dir;

    @Test
    void readsTeamsConsumersPoliciesAndASpecFileRelativeToTheCatalog() throws Exception {
        Catalog catalog = CatalogFile.read(Path.of("src/test/resources/catalog/teams.yaml"));

        assertThat(catalog.teams()).containsExactly(
                new Team("catalog-team", "Catalog", "catalog@example.com", "Products and prices"),
                new Team("web-team", "web-team", "", ""));
        Api products = catalog.api("products");
        assertThat(products.criticality()).isEqualTo(Criticality.CRITICAL);
        assertThat(products.spec()).isPresent();
        assertThat(products.routes()).containsExactly(new Route("GET", "/items"), new Route("POST", "/items"),
                new Route("GET", "/items/{id}"));
        assertThat(products.policies()).isEqualTo(ApiPolicies.NONE.withTimeout(Duration.ofSeconds(2))
                .withRetry(new RetryPolicy(2, true, List.of(503), List.of("GET", "HEAD")))
                .withCircuitBreaker(new CircuitBreakerPolicy(50, 100, Duration.ofSeconds(10)))
                .withBodyLimit(1 << 20)
                .withRateLimit(new RateLimit(200, 400)));
        Api old = catalog.api("products-v0");
        assertThat(old.lifecycle()).isEqualTo(Lifecycle.DEPRECATED);
        assertThat(old.sunset()).contains(LocalDate.of(2027, 6, 30));
        assertThat(old.successor()).contains("products");
        assertThat(old.routes()).containsExactly(Route.prefix());
        assertThat(catalog.consumers()).containsExactly(
                new Consumer("mypage-web", "My page", "web-team", "web@example.com", ConsumerState.ACTIVE),
                new Consumer("batch", "batch", "web-team", "", ConsumerState.SUSPENDED));
        assertThat(catalog.subscriptions()).containsExactly(
                new Subscription("mypage-web", "products", Optional.of(new Plan(500, 1000, OptionalLong.of(10_000_000))),
                        true),
                new Subscription("mypage-web", "products-v0", Optional.empty(), false));
        assertThat(catalog.calledBy("web-team")).containsExactly("products", "products-v0");
    }

    @Test
    void writeThenParseGivesAnEqualCatalogWithSpecsEmbedded() throws Exception {
        Catalog catalog = CatalogFile.read(Path.of("src/test/resources/catalog/teams.yaml"));

        String yaml = CatalogFile.write(catalog);

        assertThat(yaml).contains("document:").doesNotContain("specs/products.yaml");
        assertThat(CatalogFile.parse(yaml, "written.yaml")).isEqualTo(catalog);
    }

    @Test
    void specFileResolvesAgainstTheGivenDirectoryAndIsAnErrorWithoutOne() throws Exception {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/a.yaml"), SPEC);
        String yaml = POOL + "apis:\n  - { id: a, owner: t, basePath: /a, spec: specs/a.yaml, targets: [ { pool: p } ] }\n";

        assertThat(CatalogFile.parse(yaml, "c.yaml", dir).api("a").routes()).containsExactly(new Route("GET", "/ping"));
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(yaml, "c.yaml"));
        assertThat(e.violations()).containsExactly(new Violation("apis[0].spec", 5, "\"specs/a.yaml\": a file relative"
                + " to the catalog file, but this catalog text has no file (expected: {document: ...} or reading the"
                + " catalog from a file)"));
        CatalogFileException missing = catchThrowableOfType(CatalogFileException.class,
                () -> CatalogFile.parse(yaml.replace("a.yaml", "nope.yaml"), "c.yaml", dir));
        assertThat(missing.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("apis[0].spec");
            assertThat(v.message()).startsWith("\"specs/nope.yaml\": cannot read ").contains("NoSuchFileException");
        });
    }

    @Test
    void referencesToAnApiWithOtherProblemsAreNotReportedAsMissing() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(POOL + """
                apis:
                  - { id: a, owner: t, basePath: /a, targets: [ { pool: p } ], lifecycle: DEPRECATED, successor: b }
                  - { id: b, owner: t, basePath: b, targets: [ { pool: p } ] }
                consumers:
                  - { id: c, team: t, subscriptions: [ { api: b } ] }
                """, "c.yaml"));

        assertThat(e.violations()).extracting(Violation::path).containsExactly("apis[1].basePath");
    }

    @Test
    void reportsSpecErrorsAtTheSpecFieldAndRoutesTogetherWithASpec() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(POOL + """
                apis:
                  - id: a
                    owner: t
                    basePath: /a
                    targets: [ { pool: p } ]
                    spec:
                      document: |
                        openapi: 3.0.3
                        info: { title: t }
                        paths:
                          /x/{id}.json:
                            get: { operationId: x }
                  - id: b
                    owner: t
                    basePath: /b
                    targets: [ { pool: p } ]
                    spec: { document: "openapi: 3.0.3\\ninfo: {title: t, version: '1'}\\npaths: {/p: {get: {responses: {'200': {description: ok}}}}}" }
                    routes: [ { method: GET, path: /p } ]
                """, "c.yaml"));

        // The parser's messages about a readable document (no info.version, no responses) are warnings, not errors.
        assertThat(e.violations()).filteredOn(v -> v.path().equals("apis[0].spec")).singleElement()
                .satisfies(v -> assertThat(v.line()).isEqualTo(10))
                .satisfies(v -> assertThat(v.message()).startsWith("paths.'/x/{id}.json' (line 4): not a route"
                        + " template"));
        assertThat(e.violations()).filteredOn(v -> !v.path().equals("apis[0].spec")).containsExactly(
                new Violation("apis[1].routes", 21, "given together with spec (expected: either spec, whose paths become"
                        + " the routes, or routes)"));
    }

    @Test
    void reportsLifecyclePolicyAndConsumerMistakesWithPathAndLine() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(POOL + """
                teams:
                  - { id: t }
                  - { id: t }
                apis:
                  - id: a
                    owner: ghost
                    basePath: /a
                    targets: [ { pool: p } ]
                    criticality: critical
                  - id: b
                    owner: t
                    basePath: /b
                    targets: [ { pool: p } ]
                    lifecycle: deprecated
                    sunset: tomorrow
                    successor: nowhere
                    policies:
                      timeout: 0s
                      retry: { attempts: 20, on: [ 404, reset ] }
                      circuitBreaker: { failureRate: 0 }
                      bodyLimit: lots
                      rateLimit: { burst: 5 }
                      cache: true
                consumers:
                  - id: c
                    team: nobody
                    state: gone
                  - id: d
                    team: t
                    subscriptions:
                      - { api: missing }
                      - { api: b, plan: { perSecond: 0 } }
                      - { api: b, direct: maybe }
                  - { id: d, team: t }
                """, "c.yaml"));

        assertThat(e.violations()).containsExactly(
                new Violation("teams[1].id", 6, "\"t\" twice (expected: unique team ids; also at c.yaml:5 teams[0].id)"),
                new Violation("apis[0].owner", 9, "\"ghost\" (expected: the id of a team in the catalog; once teams are"
                        + " declared, every owner must be one of them)"),
                new Violation("apis[1].sunset", 18, "\"tomorrow\" (expected: a date such as 2027-06-30)"),
                new Violation("apis[1].policies.retry.on[1]", 22,
                        "\"reset\" (expected: connect-failure or a status code 500..599)"),
                new Violation("apis[1].policies.circuitBreaker.failureRate", 23, "0 (expected: 1..100)"),
                new Violation("apis[1].policies.bodyLimit", 24, "\"lots\" (expected: a size such as 8192, 16KB, 10MB, 1GB)"),
                new Violation("apis[1].policies.rateLimit", 25, "missing field perSecond (expected: a whole number)"),
                new Violation("apis[1].policies.cache", 26, "unknown field (expected one of: timeout, retry,"
                        + " circuitBreaker, bodyLimit, rateLimit, publicAccess, encodedSlashes)"),
                new Violation("consumers[0].state", 30, "\"gone\" (expected: ACTIVE or SUSPENDED)"),
                new Violation("consumers[1].subscriptions[1].plan.perSecond", 35, "0 (expected: 1..1000000000)"),
                new Violation("consumers[1].subscriptions[2].api", 36,
                        "\"b\" twice (expected: one subscription per API; also in subscriptions[1])"),
                new Violation("consumers[1].subscriptions[2].direct", 36, "\"maybe\" (expected: true or false)"));
    }
}
