package dev.turnpike.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PartRequest;
import dev.turnpike.registry.model.PartTemplate;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.CatalogDiff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code turnpike apply / diff / export} against a real node's admin API: catalog as code, round trip. */
class CatalogAsCodeTest {
    private static final String TOKEN = "cli-test-token-0123456789abcdef";

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private GatewayUnderTest gateway;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("up");
        UpstreamPool pool = TestCatalogs.pool("pool", upstream);
        Catalog initial = new Catalog(List.of(TestCatalogs.api("legacy", "/legacy", "/",
                List.of(new Target("pool", 1)), List.of(new Route("GET", "/**")))), List.of(pool));
        gateway = GatewayUnderTest.start(dir.resolve("node"), initial,
                Map.of("admin.tokens", "ci:admin:" + ApiKey.hash(TOKEN)));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = TurnpikeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--admin-url";
        all[args.length + 1] = "http://127.0.0.1:" + gateway.adminPort();
        all[args.length + 2] = "--token";
        all[args.length + 3] = TOKEN;
        return cli.execute(all);
    }

    private Catalog desired() {
        UpstreamPool pool = TestCatalogs.pool("pool", upstream);
        return new Catalog(List.of(new Team("test-team", "Test", "", "")),
                List.of(TestCatalogs.api("orders", "/orders", "/", List.of(new Target("pool", 1)),
                                List.of(new Route("GET", "/{id}"))),
                        TestCatalogs.api("items", "/items", "/", List.of(new Target("pool", 1)),
                                List.of(new Route("*", "/**")))),
                List.of(pool),
                List.of(new Consumer("shop", "Shop", "test-team", "", ConsumerState.ACTIVE)),
                List.of(new Subscription("shop", "orders", Optional.of(new Plan(10, 20, OptionalLong.empty())),
                        false)),
                List.of(orderPage()));
    }

    /** A composite whose second part waits for the first: it must survive export and apply unchanged. */
    private static Composite orderPage() {
        Map<String, PartTemplate> query = new java.util.LinkedHashMap<>();
        query.put("limit", PartTemplate.parse("limit", "{query.limit}"));
        return new Composite("order-page", "test-team", "Order and its item", Lifecycle.ACTIVE, "GET",
                "/order-pages/{id}", Duration.ofMillis(800), List.of(
                new CompositePart("order", "orders", PartRequest.of("GET", "/{id}"), false, Optional.empty()),
                new CompositePart("item", "items", new PartRequest("GET", PartTemplate.parse("path",
                        "/{order.itemId}"), query, Map.of("X-Region", PartTemplate.parse("X-Region",
                        "{header.X-Region}"))), true, Optional.of(Duration.ofMillis(300)))));
    }

    @Test
    void diffShowsApplyMakesAndApplyingAgainChangesNothing() throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFile.write(desired()));
        long before = gateway.store().version();

        assertThat(run("diff", "-f", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("+ team test-team", "+ api orders", "+ api items", "+ consumer shop",
                "+ subscription shop/orders", "+ composite order-page", "would be made").doesNotContain("- api legacy");
        assertThat(gateway.store().version()).isEqualTo(before);
        assertThat(gateway.get("/orders/1").statusCode()).isEqualTo(404);

        assertThat(run("apply", "-f", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("+ api orders", "Applied 6 change(s)");
        assertThat(gateway.get("/orders/1").statusCode()).isEqualTo(200); // live when apply returns
        assertThat(gateway.get("/legacy/x").statusCode()).isEqualTo(200); // kept without --prune
        long applied = gateway.store().version();
        assertThat(applied).isEqualTo(before + 1); // one transaction

        assertThat(run("apply", "-f", file.toString())).isZero();
        assertThat(out.toString()).contains("No changes");
        assertThat(gateway.store().version()).isEqualTo(applied);

        assertThat(run("diff", "--prune", "-f", file.toString())).isZero();
        assertThat(out.toString()).contains("- api legacy").doesNotContain("+ ");
        assertThat(run("apply", "--prune", "-f", file.toString())).isZero();
        assertThat(out.toString()).contains("- api legacy", "Applied 1 change(s)");
        assertThat(gateway.get("/legacy/x").statusCode()).isEqualTo(404);
    }

    @Test
    void diffRefusesWhatApplyRefusesAndListsEveryConflict() throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFile.write(desired())); // declares team test-team
        assertThat(run("apply", "-f", file.toString())).as(err.toString()).isZero();
        // Valid on its own, but against the node's catalog it takes legacy's base path and names no declared team.
        Catalog conflicting = new Catalog(List.of(TestCatalogs.api("orders2", "/legacy", "/",
                List.of(new Target("pool", 1)), List.of(new Route("GET", "/x"))).toBuilder().owner("nobody").build()),
                List.of(TestCatalogs.pool("pool", upstream)));
        Files.writeString(file, CatalogFile.write(conflicting));
        long before = gateway.store().version();

        assertThat(run("diff", "-f", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 409", "/apis/orders2/basePath", "/apis/orders2/owner",
                "\"nobody\"");
        String refusedByDiff = err.toString();
        assertThat(out.toString()).doesNotContain("would be made");

        assertThat(run("apply", "-f", file.toString())).isEqualTo(1);
        assertThat(err.toString().replace("turnpike apply", "turnpike diff")).isEqualTo(refusedByDiff);
        assertThat(gateway.store().version()).isEqualTo(before);
    }

    @Test
    void diffShowsTheFieldsAnUpdateChanges() throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFile.write(desired()));
        assertThat(run("apply", "-f", file.toString())).as(err.toString()).isZero();
        Catalog changed = desired();
        List<dev.turnpike.registry.model.Api> apis = changed.apis().stream()
                .map(a -> a.id().equals("orders") ? a.toBuilder().upstreamBasePath("/v2").build() : a).toList();
        Files.writeString(file, CatalogFile.write(new Catalog(changed.teams(), apis, changed.pools(),
                changed.consumers(), changed.subscriptions())));

        assertThat(run("diff", "-f", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("~ api orders: upstreamBasePath: / -> /v2", "1 change(s) would be made");
    }

    @Test
    void exportWritesAFileThatApplyTakesBackUnchanged() throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFile.write(desired()));
        assertThat(run("apply", "--prune", "-f", file.toString())).as(err.toString()).isZero();

        Path exported = dir.resolve("exported.yaml");
        assertThat(run("export", "-o", exported.toString())).as(err.toString()).isZero();

        assertThat(CatalogDiff.between(CatalogFile.read(exported), desired(), true).isEmpty()).isTrue();
        long version = gateway.store().version();
        assertThat(run("apply", "--prune", "-f", exported.toString())).isZero();
        assertThat(out.toString()).contains("No changes");
        assertThat(gateway.store().version()).isEqualTo(version);

        assertThat(run("export")).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(exported));
    }

    @Test
    void anInvalidFileIsReportedWithItsLineAndNothingIsSent() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "apis:\n  - id: x\n    basePath: nope\n");
        long before = gateway.store().version();

        assertThat(run("apply", "-f", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.yaml:3: ", "basePath");
        assertThat(gateway.store().version()).isEqualTo(before);
    }

    @Test
    void aWrongTokenIsRefusedWithAHint() throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFile.write(desired()));
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = TurnpikeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("apply", "-f", file.toString(), "--admin-url",
                "http://127.0.0.1:" + gateway.adminPort(), "--token", "wrong")).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 401", "--token");
    }

    @Test
    void aNodeThatIsNotThereIsNamed() throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFile.write(desired()));
        err = new StringWriter();
        CommandLine cli = TurnpikeCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));

        assertThat(cli.execute("export", "--admin-url", "http://127.0.0.1:1", "--token", TOKEN)).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the admin API at http://127.0.0.1:1/: ").doesNotContain(": null");
    }
}
