package dev.turnpike.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnpike.registry.store.JdbcCatalogStore;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TurnpikeCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TurnpikeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("serve", "demo", "validate");
    }

    @Test
    void versionPrintsSomething() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("turnpike ");
    }

    @Test
    void validateAcceptsAGoodCatalog() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, """
                apis:
                  - id: products
                    owner: catalog-team
                    basePath: /products/v1
                    targets: [ { pool: blue, weight: 1 } ]
                    routes:
                      - { method: GET, path: "/items/{id}" }
                      - { method: GET, path: /items }
                pools:
                  - id: blue
                    instances: [ "127.0.0.1:8081" ]
                """);
        assertThat(run("validate", "-f", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("OK: 1 APIs, 2 routes, 1 pools, 0 teams, 0 consumers, 0 subscriptions");
        assertThat(run("validate", file.toString())).as(err.toString()).isZero(); // positional, as users type it
    }

    @Test
    void validateWithoutAFileSaysWhatIsExpected() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(oneLine(err.toString())).startsWith("turnpike validate: no catalog file (expected:").endsWith("(see: turnpike validate --help)");
    }

    @Test
    void aBadSettingIsOneLineNamingIt() {
        assertThat(run("serve", "--port", "99999", "--data-dir", dir.resolve("data").toString())).isEqualTo(2);
        assertThat(oneLine(err.toString()))
                .isEqualTo("turnpike: invalid setting: public.port: \"99999\" from flag (expected: 0..65535)");
    }

    @Test
    void aMissingCatalogFileIsNamedPlainly() {
        assertThat(run("validate", dir.resolve("missing.yaml").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("missing.yaml:0: (file): cannot read: no such file")
                .doesNotContain("Exception");
    }

    @Test
    void anAdminUrlWithoutSchemeIsOneLineNamingTheFlag() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "pools:\n  - id: p\n    instances: [ \"127.0.0.1:1\" ]\n");
        assertThat(run("diff", "-f", file.toString(), "--admin-url", "localhost:9080", "--token", "t")).isEqualTo(2);
        assertThat(oneLine(err.toString()))
                .isEqualTo("turnpike diff: --admin-url: \"localhost:9080\" (expected: an http:// or https:// URL with a"
                        + " host, e.g. http://127.0.0.1:9080) (see: turnpike diff --help)");
    }

    @Test
    void serveOnAPortInUseIsOneLineNamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> run("serve", "--data-dir",
                    dir.resolve("data").toString(), "--port", String.valueOf(taken.getLocalPort()),
                    "--admin-port", "0", "--set", "public.host=127.0.0.1"));
            assertThat(code).isEqualTo(1);
        }
        assertThat(oneLine(err.toString())).startsWith("turnpike: cannot start: port ")
                .contains("already in use", "--port");
        // Nothing is left holding the data directory: a node can start on it now.
        try (JdbcCatalogStore store = JdbcCatalogStore.embedded(dir.resolve("data"))) {
            assertThat(store.version()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aSecondNodeOnAnOpenDataDirectoryRefusesToStart() throws Exception {
        try (JdbcCatalogStore first = JdbcCatalogStore.embedded(dir.resolve("data"))) {
            int code = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> run("serve", "--data-dir",
                    dir.resolve("data").toString(), "--port", "0", "--admin-port", "0"));
            assertThat(code).isEqualTo(1);
        }
        assertThat(oneLine(err.toString())).isEqualTo("turnpike: cannot start: the data directory "
                + dir.resolve("data").toAbsolutePath() + " is already in use by another turnpike node (process "
                + ProcessHandle.current().pid() + ") (expected: stop that node, or give this one its own --data-dir)");
    }

    /** The text, asserted to be exactly one line (no stack trace). */
    private static String oneLine(String text) {
        assertThat(text.strip().lines()).as(text).hasSize(1);
        return text.strip();
    }

    @Test
    void validateReadsSwagger2PrintsWarningsAndAppliesTheSizeLimit() throws Exception {
        Files.writeString(dir.resolve("pets.yaml"), """
                swagger: "2.0"
                info: { title: Pets, version: "1" }
                paths:
                  /pets/{id}:
                    get:
                      unexpectedThing: 1
                      parameters: [ { name: id, in: path, required: true, type: integer } ]
                      responses: { "200": { description: a pet } }
                  /pets/{id}.json:
                    get: { responses: { "200": { description: a pet } } }
                """);
        Path file = dir.resolve("pets-catalog.yaml");
        Files.writeString(file, """
                apis:
                  - id: pets
                    owner: t
                    basePath: /pets
                    targets: [ { pool: p, weight: 1 } ]
                    spec: pets.yaml
                pools:
                  - id: p
                    instances: [ "127.0.0.1:8081" ]
                """);
        assertThat(run("validate", "-f", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("apis[0].spec: paths.'/pets/{id}.json' (line 9): not a route template");

        Files.writeString(dir.resolve("pets.yaml"), Files.readString(dir.resolve("pets.yaml"))
                .replace("  /pets/{id}.json:\n    get: { responses: { \"200\": { description: a pet } } }\n", ""));
        assertThat(run("validate", "-f", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("warning: apis[0].spec (pets): swagger 2.0: ", "unexpectedThing",
                "OK: 1 APIs, 1 routes, 1 pools, 0 teams, 0 consumers, 0 subscriptions, 1 warning(s)");

        assertThat(run("validate", "--max-spec-size", "100", "-f", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bytes (expected: at most 100 bytes, setting limits.maxSpecSize)");
    }

    @Test
    void validatePrintsEveryErrorWithItsPath() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                apis:
                  - id: Products
                    owner: catalog-team
                    basePath: products
                    targets: [ { pool: missing, weight: 1 } ]
                pools:
                  - id: blue
                    instances: [ "no-port" ]
                """);
        assertThat(run("validate", "-f", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("apis[0].id", "apis[0].basePath", "pools[0].instances[0]");
    }

    @Test
    void validateRejectsRoutesThatCannotBeToldApart() throws Exception {
        Path file = dir.resolve("conflict.yaml");
        Files.writeString(file, """
                apis:
                  - id: a
                    owner: t
                    basePath: /shop
                    targets: [ { pool: p, weight: 1 } ]
                    routes: [ { method: GET, path: "/items/{id}" } ]
                  - id: b
                    owner: t
                    basePath: /shop/items
                    targets: [ { pool: p, weight: 1 } ]
                    routes: [ { method: GET, path: "/{sku}" } ]
                pools:
                  - id: p
                    instances: [ "127.0.0.1:8081" ]
                """);
        assertThat(run("validate", "-f", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("apis[*].routes", "/shop/items/{sku}", "/shop/items/{id}");
    }

    @Test
    void serveRefusesBadSettingsWithExitCode2() {
        assertThat(run("serve", "--set", "limits.maxHeaders=lots", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("limits.maxHeaders: \"lots\" from flag (expected: a whole number)");
    }
}
