package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.IssuedApiKey;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.spec.OperationsJson;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.UpstreamPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcCatalogStore} must do, whatever the database. Subclasses open a fresh, empty store. */
abstract class JdbcCatalogStoreContract {
    protected JdbcCatalogStore store;

    /** A store on a new, empty database. */
    protected abstract JdbcCatalogStore openNewStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openNewStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void newStoreIsEmptyAtVersionZero() {
        assertThat(store.version()).isZero();
        assertThat(store.load()).isEqualTo(new VersionedCatalog(0, Catalog.EMPTY));
    }

    @Test
    void loadReturnsWhatWasReplacedFieldForField() {
        Catalog catalog = CatalogFixtures.full(1);

        VersionedCatalog stored = store.replace(catalog);

        assertThat(stored).isEqualTo(new VersionedCatalog(1, catalog));
        VersionedCatalog loaded = store.load();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.catalog().apis()).containsExactlyElementsOf(catalog.apis());
        assertThat(loaded.catalog().pools()).containsExactlyElementsOf(catalog.pools());
        assertThat(loaded.catalog()).isEqualTo(catalog);
    }

    @Test
    void everyReplaceBumpsTheVersionByOneAndReplacesEverything() {
        store.replace(CatalogFixtures.full(1));
        store.replace(CatalogFixtures.full(2));
        VersionedCatalog third = store.replace(Catalog.EMPTY);

        assertThat(third.version()).isEqualTo(3);
        assertThat(store.version()).isEqualTo(3);
        assertThat(store.load()).isEqualTo(new VersionedCatalog(3, Catalog.EMPTY));
        store.replace(CatalogFixtures.full(4));
        assertThat(store.load()).isEqualTo(new VersionedCatalog(4, CatalogFixtures.full(4)));
    }

    @Test
    void replaceThatTheDatabaseRejectsMidwayChangesNothing() throws SQLException {
        store.replace(CatalogFixtures.full(1));
        // Routes are written last: the pools, instances, APIs and targets of the new catalog are already
        // inserted (and the old rows deleted) when this constraint fails.
        execute("ALTER TABLE api_routes ADD CONSTRAINT test_reject CHECK (path <> '/rejected')");
        Catalog next = CatalogFixtures.full(2);
        Api orders = next.apis().get(0);
        Api rejected = new Api(orders.id(), orders.name(), orders.version(), orders.owner(), orders.description(),
                orders.host(), orders.basePath(), orders.upstreamBasePath(), orders.lifecycle(), orders.targets(),
                List.of(new Route("GET", "/ok"), new Route("GET", "/rejected")));
        Catalog unstorable = new Catalog(List.of(next.apis().get(1), rejected), next.pools());

        assertThatThrownBy(() -> store.replace(unstorable))
                .isInstanceOf(CatalogStoreException.class)
                .hasMessageContaining("cannot replace the catalog")
                .hasCauseInstanceOf(SQLException.class);

        assertThat(store.load()).isEqualTo(new VersionedCatalog(1, CatalogFixtures.full(1)));
        assertThat(store.version()).isEqualTo(1);
    }

    @Test
    void replaceOfAValueLongerThanItsColumnChangesNothing() {
        store.replace(CatalogFixtures.full(1));
        UpstreamPool longHost = UpstreamPool.of("long", List.of(new Instance("h".repeat(300), 80, 1)));
        Catalog tooLong = new Catalog(List.of(), List.of(longHost));

        assertThatThrownBy(() -> store.replace(tooLong)).isInstanceOf(CatalogStoreException.class);

        assertThat(store.load()).isEqualTo(new VersionedCatalog(1, CatalogFixtures.full(1)));
    }

    @Test
    void rejectsDurationsFinerThanMilliseconds() {
        PoolSettings fine = new PoolSettings(1, 1, Duration.ofNanos(1_500_000), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO);
        Catalog catalog = new Catalog(List.of(), List.of(new UpstreamPool("p", List.of(new Instance("h", 1, 1)),
                dev.turnpike.registry.model.Balancer.ROUND_ROBIN, false, fine)));

        assertThatThrownBy(() -> store.replace(catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pools.p.connectTimeout: PT0.0015S (expected: whole milliseconds)");
        assertThat(store.version()).isZero();
    }

    @Test
    void rejectsDurationsTooLongForALongOfMilliseconds() {
        PoolSettings huge = new PoolSettings(1, 1, Duration.ofSeconds(1), Duration.ofDays(999_999_999_999L),
                Duration.ofSeconds(1), Duration.ZERO);
        Catalog catalog = new Catalog(List.of(), List.of(new UpstreamPool("p", List.of(new Instance("h", 1, 1)),
                dev.turnpike.registry.model.Balancer.ROUND_ROBIN, false, huge)));

        assertThatThrownBy(() -> store.replace(catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pools.p.responseTimeout: PT23999999999976H (expected: at most ");
        assertThat(store.version()).isZero();
    }

    @Test
    void concurrentReplacesGetStrictlyIncreasingVersionsAndEndConsistent() throws Exception {
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        versions.add(store.replace(CatalogFixtures.full(thread * 100 + i)).version());
                    }
                    return versions;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                List<Long> mine = f.get(60, TimeUnit.SECONDS);
                assertThat(mine).isSorted().doesNotHaveDuplicates();
                all.addAll(mine);
            }
            Collections.sort(all);
            assertThat(all).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, threads * perThread).boxed().toList());
            VersionedCatalog last = store.load();
            assertThat(last.version()).isEqualTo(threads * perThread);
            assertThat(last.catalog().apis()).hasSize(4);
            assertThat(last.catalog().pools()).hasSize(3);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void loadSeesOneVersionsCatalogWhileAWriterReplaces() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            // One writer: version v always holds full(v), so every load can be checked against its version.
            Future<?> writes = writer.submit(() -> {
                for (int v = 1; v <= 30 && !stop.get(); v++) {
                    store.replace(CatalogFixtures.full(v));
                }
            });
            int loads = 0;
            while (!writes.isDone() || loads < 5) {
                VersionedCatalog seen = store.load();
                if (seen.version() > 0) {
                    assertThat(seen.catalog()).isEqualTo(CatalogFixtures.full((int) seen.version()));
                }
                loads++;
            }
            writes.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            writer.shutdownNow();
            assertThat(writer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void applyWritesTheChangesOnTopOfTheBaseAndAuditsEachOne() {
        VersionedCatalog base = store.replace(CatalogFixtures.full(1));
        Api moved = Api.builder("orders", "order-team", "/orders/v2").targets(base.catalog().api("orders").targets())
                .build();
        VersionedCatalog applied = store.apply(base, List.of(new CatalogChange.PutApi(moved),
                new CatalogChange.DeleteSubscription("mypage-web", "orders")), "alice");

        assertThat(applied.version()).isEqualTo(base.version() + 1);
        assertThat(applied.catalog().api("orders").basePath()).isEqualTo("/orders/v2");
        assertThat(store.load()).isEqualTo(applied);
        assertThat(store.auditLog(2)).extracting(AuditEntry::actor, AuditEntry::entityType, AuditEntry::entityId,
                        AuditEntry::action)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("alice", "api", "orders", "put"),
                        org.assertj.core.groups.Tuple.tuple("alice", "subscription", "mypage-web/orders", "delete"));
    }

    @Test
    void compositesAreWrittenAuditedReplayedAndKeepTheApisTheyCall() {
        VersionedCatalog base = store.replace(CatalogFixtures.full(1));
        Composite changed = CatalogFixtures.productPage(7);
        Composite second = new Composite("second-page", "web-team", "", Lifecycle.DEPRECATED, "POST", "/pages/second/{id}",
                Duration.ofSeconds(2), List.of(changed.parts().get(0)));

        VersionedCatalog applied = store.apply(base, List.of(new CatalogChange.PutComposite(changed),
                new CatalogChange.PutComposite(second)), "alice");

        assertThat(applied.catalog().composites()).containsExactly(changed, second);
        assertThat(store.load()).isEqualTo(applied);
        assertThat(store.loadSince(base)).isEqualTo(applied);
        assertThat(store.auditLog(2)).extracting(AuditEntry::entityType, AuditEntry::entityId, AuditEntry::action)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("composite", "product-page", "put"),
                        org.assertj.core.groups.Tuple.tuple("composite", "second-page", "put"));
        AuditEntry put = store.auditLog(2).stream().filter(e -> e.entityId().equals("product-page")).findFirst()
                .orElseThrow();
        assertThat(put.before()).contains("timeout=801ms");
        assertThat(put.after()).contains("GET /pages/products/{id} timeout=807ms",
                "reviews: reviews GET /items/{id}/reviews query [limit, lang] headers [X-Trace] optional timeout 307ms");

        assertThatThrownBy(() -> store.apply(applied, List.of(new CatalogChange.DeleteApi("reviews")), "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("composites.product-page");
        VersionedCatalog deleted = store.apply(applied, List.of(new CatalogChange.DeleteComposite("product-page")),
                "alice");
        assertThat(deleted.catalog().composites()).containsExactly(second);
        assertThat(store.loadSince(applied)).isEqualTo(deleted);
        assertThat(store.load()).isEqualTo(deleted);
    }

    @Test
    void applyOfWhatIsAlreadyStoredWritesNothingAndKeepsTheVersion() {
        VersionedCatalog base = store.replace(CatalogFixtures.full(1));

        VersionedCatalog same = store.apply(base, List.of(new CatalogChange.PutApi(base.catalog().api("orders"))),
                "alice");

        assertThat(same).isEqualTo(base);
        assertThat(store.version()).isEqualTo(base.version());
        assertThat(store.auditLog(5)).hasSize(1); // the replace only
    }

    @Test
    void applyOnAStaleBaseChangesNothing() {
        VersionedCatalog base = store.replace(CatalogFixtures.full(1));
        VersionedCatalog newer = store.replace(CatalogFixtures.full(2));

        assertThatThrownBy(() -> store.apply(base,
                List.of(new CatalogChange.DeleteSubscription("mypage-web", "orders")), "alice"))
                .isInstanceOf(StaleCatalogException.class);
        assertThat(store.load()).isEqualTo(newer);
    }

    @Test
    void applyThatBreaksACrossReferenceChangesNothing() {
        VersionedCatalog base = store.replace(CatalogFixtures.full(1));

        assertThatThrownBy(() -> store.apply(base, List.of(new CatalogChange.DeletePool("products-green")), "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("products-green");
        assertThatThrownBy(() -> store.apply(base, List.of(new CatalogChange.DeleteApi("nope")), "alice"))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(store.load()).isEqualTo(base);
    }

    @Test
    void randomChangeSequencesLoadExactlyWhatApplyingThemInMemoryGives() {
        RandomChanges random = new RandomChanges(20261121L);
        java.util.Random keys = new java.util.Random(7);
        VersionedCatalog current = store.load();
        int applied = 0;
        int refused = 0;
        for (int step = 0; step < 300; step++) {
            List<CatalogChange> changes = random.next(current.catalog());
            Catalog expected;
            try {
                expected = CatalogChange.applyAll(current.catalog(), changes);
            } catch (IllegalArgumentException | EntityNotFoundException e) {
                VersionedCatalog base = current;
                assertThatThrownBy(() -> store.apply(base, changes, "random")).isInstanceOf(e.getClass())
                        .hasMessage(e.getMessage());
                assertThat(store.version()).isEqualTo(current.version());
                refused++;
                continue;
            }
            VersionedCatalog result = store.apply(current, changes, "random");
            int written = CatalogDiff.between(current.catalog(), expected, true).changes().size();

            List<ApiKey> remaining = current.keys().stream()
                    .filter(k -> expected.consumers().stream().anyMatch(c -> c.id().equals(k.consumer()))).toList();
            assertThat(result).isEqualTo(new VersionedCatalog(current.version() + (written == 0 ? 0 : 1), expected,
                    written == 0 ? current.keys() : remaining));
            assertThat(store.load()).isEqualTo(result);
            if (written > 0) {
                assertThat(store.auditLog(written)).extracting(AuditEntry::version).containsOnly(result.version());
            }
            applied++;
            current = result;
            if (step % 7 == 0) {
                VersionedCatalog base = current;
                assertThatThrownBy(() -> store.apply(new VersionedCatalog(base.version() - 1, base.catalog(),
                        base.keys()), List.of(), "random")).isInstanceOf(StaleCatalogException.class);
            }
            if (!current.catalog().consumers().isEmpty() && keys.nextInt(4) == 0) {
                String consumer = current.catalog().consumers().get(keys.nextInt(current.catalog().consumers().size()))
                        .id();
                store.createKey(consumer, Optional.empty(), "random");
                VersionedCatalog withKey = store.load();
                assertThat(withKey.catalog()).isEqualTo(current.catalog());
                assertThat(withKey.keys()).hasSize(current.keys().size() + 1);
                current = withKey;
            }
        }
        assertThat(store.load()).isEqualTo(current);
        assertThat(applied).isGreaterThan(100);
        assertThat(refused).isGreaterThan(30);
    }

    @Test
    void loadSinceAnyEarlierVersionLoadsWhatAWholeLoadDoes() {
        RandomChanges random = new RandomChanges(20261204L);
        java.util.Random pick = new java.util.Random(11);
        List<VersionedCatalog> seen = new java.util.ArrayList<>(List.of(store.load()));
        VersionedCatalog current = seen.get(0);
        int replayed = 0;
        for (int step = 0; step < 200; step++) {
            int what = pick.nextInt(20);
            if (what == 0) {
                current = store.replace(current.catalog().edit().result(), "random"); // a replace: not replayable
            } else if (what < 4 && !current.catalog().consumers().isEmpty()) {
                List<Consumer> consumers = current.catalog().consumers();
                IssuedApiKey key = store.createKey(consumers.get(pick.nextInt(consumers.size())).id(),
                        Optional.empty(), "random");
                if (pick.nextBoolean()) {
                    store.revokeKey(key.key().id(), "random");
                }
                current = store.load();
            } else {
                try {
                    current = store.apply(current, random.next(current.catalog()), "random");
                } catch (IllegalArgumentException | EntityNotFoundException refused) {
                    continue;
                }
            }
            seen.add(current);
            VersionedCatalog whole = store.load();
            for (int i = 0; i < 3; i++) {
                // mostly recent versions (what a node that missed a few writes has), sometimes any
                VersionedCatalog base = seen.get(i == 0 ? pick.nextInt(seen.size())
                        : Math.max(0, seen.size() - 1 - pick.nextInt(4)));
                VersionedCatalog since = store.loadSince(base);
                assertThat(since).as("since version %d of %d", base.version(), whole.version()).isEqualTo(whole);
                Catalog was = base.catalog();
                Catalog now = since.catalog();
                if (base.version() < whole.version() && (now.pools() == was.pools() || now.teams() == was.teams()
                        || now.apis() == was.apis() || now.consumers() == was.consumers())) {
                    replayed++; // some lists were taken from the base: read as a change, not loaded whole
                }
            }
            assertThat(store.loadSince(whole)).isSameAs(whole);
        }
        assertThat(replayed).as("loads read as changes").isGreaterThan(150);
    }

    @Test
    void specsLoadFromTheirStoredOperationsAndDocumentsWithoutThemAreParsed() throws Exception {
        Catalog catalog = CatalogFixtures.full(1);
        store.replace(catalog);
        ApiSpec reviews = catalog.api("reviews").spec().orElseThrow();
        try (java.sql.Connection c = store.dataSource().getConnection()) {
            // A fresh cache, as a node's first load has: the spec comes from the stored operations, not a parse.
            assertThat(CatalogTables.selectApis(c, new SpecCache(), "reviews").get(0).spec()).contains(reviews);
            String stored;
            try (var s = c.prepareStatement("SELECT spec_operations FROM apis WHERE id = 'reviews'");
                 var rs = s.executeQuery()) {
                rs.next();
                stored = rs.getString(1);
            }
            assertThat(OperationsJson.read(stored)).isEqualTo(reviews.operations());
            update(c, stored.replace("listReviews", "fromTheColumn"));
            assertThat(CatalogTables.selectApis(c, new SpecCache(), "reviews").get(0).spec().orElseThrow()
                    .operations().get(0).operationId()).contains("fromTheColumn");
            update(c, null); // as rows written before migration V6: the document is parsed
            assertThat(CatalogTables.selectApis(c, new SpecCache(), "reviews").get(0).spec()).contains(reviews);

            // What opening the store does for such rows: parse them once and store their operations.
            assertThat(new SpecCache().backfill(c)).isEqualTo(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            assertThat(new SpecCache().backfill(c)).isZero();
            try (var s = c.prepareStatement("SELECT spec_operations FROM apis WHERE id = 'reviews'");
                 var rs = s.executeQuery()) {
                rs.next();
                assertThat(OperationsJson.read(rs.getString(1))).isEqualTo(reviews.operations());
            }
        }
        assertThat(store.load().catalog()).isEqualTo(catalog);
    }

    @Test
    void storesDocumentsOfSeveralMegabytesWithTheirWarnings() throws Exception {
        StringBuilder swagger = new StringBuilder("""
                swagger: "2.0"
                info: { title: Big, version: "1" }
                unknownTop: 1
                paths:
                """);
        for (int i = 0; swagger.length() < 3_000_000; i++) {
            swagger.append("  /things").append(i).append("/{id}:\n    get:\n      operationId: get").append(i)
                    .append("\n      description: \"").append("d".repeat(2_000)).append("\"\n")
                    .append("      parameters: [ { name: id, in: path, required: true, type: string } ]\n")
                    .append("      responses: { \"200\": { description: ok } }\n");
        }
        ApiSpec big = ApiSpec.parse(swagger.toString());
        assertThat(big.warnings()).anySatisfy(w -> assertThat(w).startsWith("swagger 2.0: ").contains("unknownTop"));
        Catalog catalog = CatalogFixtures.full(1);
        Catalog withBig = catalog.edit().putApi(catalog.api("reviews").toBuilder().spec(big).build()).result();

        store.replace(withBig);

        try (java.sql.Connection c = store.dataSource().getConnection()) {
            ApiSpec loaded = CatalogTables.selectApis(c, new SpecCache(), "reviews").get(0).spec().orElseThrow();
            assertThat(loaded).isEqualTo(big);
        }
        assertThat(store.load().catalog().api("reviews").spec().orElseThrow().document()).hasSize(swagger.length());
    }

    private static void update(java.sql.Connection c, String operations) throws java.sql.SQLException {
        try (var s = c.prepareStatement("UPDATE apis SET spec_operations = ? WHERE id = 'reviews'")) {
            s.setString(1, operations);
            s.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    @Test
    void applyPutKeepsTheReplacedEntitysPositionAndAppendsNewOnes() {
        VersionedCatalog base = store.replace(CatalogFixtures.full(1)); // apis: orders, products, reviews, legacy
        Api products = base.catalog().api("products").toBuilder().description("changed").build();
        Api extra = Api.builder("extra", "order-team", "/extra").targets(base.catalog().api("orders").targets())
                .build();
        Api reviews = base.catalog().api("reviews");
        List<CatalogChange> changes = List.of(new CatalogChange.PutApi(products), new CatalogChange.PutApi(extra),
                new CatalogChange.DeleteSubscription("mypage-web", "reviews"), new CatalogChange.DeleteApi("reviews"),
                new CatalogChange.PutApi(reviews));

        VersionedCatalog applied = store.apply(base, changes, "alice");

        assertThat(store.load().catalog().apis()).extracting(Api::id)
                .containsExactly("orders", "products", "reviews", "legacy", "extra");
        assertThat(store.load()).isEqualTo(applied);
        assertThat(applied.catalog()).isEqualTo(CatalogChange.applyAll(base.catalog(), changes));
    }

    @Test
    void applyThatTheDatabaseRejectsMidwayChangesNothing() {
        VersionedCatalog base = store.replace(CatalogFixtures.full(1));
        Api moved = base.catalog().api("orders").toBuilder().basePath("/orders/v9").build();
        UpstreamPool longHost = UpstreamPool.of("long", List.of(new Instance("h".repeat(300), 80, 1)));

        assertThatThrownBy(() -> store.apply(base, List.of(new CatalogChange.PutApi(moved),
                new CatalogChange.PutPool(longHost)), "alice")).isInstanceOf(CatalogStoreException.class);

        assertThat(store.load()).isEqualTo(base);
        assertThat(store.auditLog(10)).hasSize(1);
    }

    @Test
    void applyAuditsEachChangeWithASecretFreeSummaryBeforeAndAfter() throws SQLException {
        VersionedCatalog base = store.replace(CatalogFixtures.full(1));
        IssuedApiKey key = store.createKey("batch-1", Optional.empty(), "alice");
        base = store.load();
        Api reviews = base.catalog().api("reviews").toBuilder().basePath("/reviews/v2").build();

        VersionedCatalog applied = store.apply(base, List.of(new CatalogChange.PutApi(reviews),
                new CatalogChange.DeleteSubscription("batch-1", "products"), new CatalogChange.DeleteConsumer("batch-1"),
                new CatalogChange.PutTeam(new dev.turnpike.registry.model.Team("new-team", "New", "n@example.com", ""))),
                "bob");

        List<AuditEntry> entries = store.auditLog(4);
        assertThat(entries).extracting(AuditEntry::version).containsOnly(applied.version());
        assertThat(entries).extracting(AuditEntry::entityType, AuditEntry::entityId, AuditEntry::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("consumer", "batch-1", "delete"),
                        org.assertj.core.groups.Tuple.tuple("subscription", "batch-1/products", "delete"),
                        org.assertj.core.groups.Tuple.tuple("api", "reviews", "put"),
                        org.assertj.core.groups.Tuple.tuple("team", "new-team", "put"));
        AuditEntry api = entries.get(2);
        assertThat(api.before()).contains("basePath=/reviews ", "spec=2 operations", "criticality=CRITICAL",
                "targets=[products-green:1]");
        assertThat(api.after()).contains("basePath=/reviews/v2 ");
        assertThat(api.before() + api.after()).doesNotContain("openapi", "listReviews", "paths");
        assertThat(entries.get(1).before()).isEqualTo("plan=default direct=false");
        assertThat(entries.get(1).after()).isEmpty();
        assertThat(entries.get(0).before()).contains("name=\"Batch\"", "state=SUSPENDED");
        assertThat(entries.get(0).after()).isEqualTo("1 API keys deleted");
        assertThat(entries.get(3).before()).isEmpty();
        assertThat(entries.get(3).after()).contains("name=\"New\"");
        assertThat(store.findKeyByHash(key.key().hash())).isEmpty();
        assertThat(applied.keys()).isEmpty();
        assertThat(everyStoredText()).noneMatch(text -> text.contains(key.plaintext().substring(13)));
    }

    @Test
    void closeIsIdempotent() {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.version()).isInstanceOf(CatalogStoreException.class);
    }

    @Test
    void loadReusesTheParsedSpecsOfUnchangedDocuments() {
        store.replace(CatalogFixtures.full(1));
        Api first = store.load().catalog().api("reviews");

        Api again = store.load().catalog().api("reviews");

        assertThat(again).isEqualTo(first);
        assertThat(again.spec().get()).isSameAs(first.spec().get());
        store.replace(CatalogFixtures.full(2)); // a different document text
        assertThat(store.load().catalog().api("reviews").spec().get().document()).contains("version: \"2\"");
    }

    @Test
    void catalogsWithoutTeamsAndConsumersStillRoundTrip() {
        store.replace(CatalogFixtures.plain(1));

        assertThat(store.load().catalog()).isEqualTo(CatalogFixtures.plain(1));
    }

    @Test
    void createKeyReturnsThePlaintextOnceAndStoresOnlyItsHashAndPrefix() throws SQLException {
        store.replace(CatalogFixtures.full(1));
        Instant expires = Instant.now().plus(30, ChronoUnit.DAYS);

        IssuedApiKey issued = store.createKey("mypage-web", Optional.of(expires), "alice");

        ApiKey key = issued.key();
        assertThat(key.consumer()).isEqualTo("mypage-web");
        assertThat(key.expiresAt()).contains(expires.truncatedTo(ChronoUnit.MILLIS));
        assertThat(store.version()).isEqualTo(2);
        assertThat(store.findKeyByHash(ApiKey.hash(issued.plaintext()))).contains(key);
        assertThat(store.findKeyByHash(ApiKey.hash(issued.plaintext() + "x"))).isEmpty();
        assertThat(store.keysOf("mypage-web")).containsExactly(key);
        assertThat(store.keysOf("batch-1")).isEmpty();
        String secret = issued.plaintext().substring(13);
        assertThat(everyStoredText()).noneMatch(text -> text.contains(secret));
        assertThat(store.auditLog(1)).singleElement().satisfies(e -> {
            assertThat(e.version()).isEqualTo(2);
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.entityType()).isEqualTo("api_key");
            assertThat(e.entityId()).isEqualTo(key.id());
            assertThat(e.action()).isEqualTo("create");
            assertThat(e.after()).contains("consumer=mypage-web", "prefix=" + key.prefix()).doesNotContain(key.hash());
        });
    }

    @Test
    void createKeyForAnUnknownConsumerChangesNothing() {
        store.replace(CatalogFixtures.full(1));

        assertThatThrownBy(() -> store.createKey("nobody", Optional.empty(), "alice"))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessage("consumer \"nobody\" (expected: the id of a consumer in the catalog)");

        assertThat(store.version()).isEqualTo(1);
        assertThat(store.auditLog(10)).hasSize(1);
        assertThat(store.keysOf("nobody")).isEmpty();
    }

    @Test
    void revokeMarksTheKeyOnceAndIsANoOpAfterwards() {
        store.replace(CatalogFixtures.full(1));
        IssuedApiKey issued = store.createKey("mypage-web", Optional.empty(), "alice");
        IssuedApiKey other = store.createKey("mypage-web", Optional.empty(), "alice");

        Optional<ApiKey> revoked = store.revokeKey(issued.key().id(), "bob");

        assertThat(revoked).contains(issued.key().revoke());
        assertThat(store.version()).isEqualTo(4);
        assertThat(store.findKeyByHash(issued.key().hash())).contains(issued.key().revoke());
        assertThat(store.findKeyByHash(other.key().hash())).contains(other.key());
        assertThat(store.revokeKey(issued.key().id(), "bob")).contains(issued.key().revoke());
        assertThat(store.revokeKey("key-unknown", "bob")).isEmpty();
        assertThat(store.version()).isEqualTo(4);
        assertThat(store.auditLog(10)).extracting(AuditEntry::version, AuditEntry::actor, AuditEntry::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, "bob", "revoke"),
                        org.assertj.core.groups.Tuple.tuple(3L, "alice", "create"),
                        org.assertj.core.groups.Tuple.tuple(2L, "alice", "create"),
                        org.assertj.core.groups.Tuple.tuple(1L, CatalogStore.SYSTEM_ACTOR, "replace"));
        assertThat(store.auditLog(10).get(0).before()).contains("revoked=false");
        assertThat(store.auditLog(10).get(0).after()).contains("revoked=true");
    }

    @Test
    void replaceKeepsTheKeysOfConsumersThatRemainAndDeletesTheOthers() {
        store.replace(CatalogFixtures.full(1));
        IssuedApiKey kept = store.createKey("mypage-web", Optional.empty(), "alice");
        IssuedApiKey dropped = store.createKey("batch-1", Optional.empty(), "alice");

        // full(2) still has mypage-web but batch-2 instead of batch-1.
        VersionedCatalog replaced = store.replace(CatalogFixtures.full(2), "carol");

        assertThat(replaced.version()).isEqualTo(4);
        assertThat(store.findKeyByHash(kept.key().hash())).contains(kept.key());
        assertThat(store.findKeyByHash(dropped.key().hash())).isEmpty();
        assertThat(store.keysOf("batch-1")).isEmpty();
        AuditEntry entry = store.auditLog(1).get(0);
        assertThat(entry.actor()).isEqualTo("carol");
        assertThat(entry.entityType()).isEqualTo("catalog");
        assertThat(entry.before()).isEqualTo("teams=3 apis=4 pools=3 consumers=2 subscriptions=3 composites=1 api_keys=2");
        assertThat(entry.after()).isEqualTo("teams=3 apis=4 pools=3 consumers=2 subscriptions=3 composites=1 api_keys=1"
                + " (1 keys of removed consumers deleted)");

        store.replace(Catalog.EMPTY);
        assertThat(store.findKeyByHash(kept.key().hash())).isEmpty();
    }

    @Test
    void keyHashesAreUniqueInTheDatabase() throws SQLException {
        store.replace(CatalogFixtures.full(1));
        ApiKey key = store.createKey("mypage-web", Optional.empty(), "alice").key();

        assertThatThrownBy(() -> execute("INSERT INTO api_keys (id, consumer_id, prefix, hash, created_at_ms, revoked)"
                + " VALUES ('other', 'mypage-web', 'tpk_x', '" + key.hash() + "', 0, FALSE)"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void rejectsABlankActorAndChangesNothing() {
        assertThatThrownBy(() -> store.replace(CatalogFixtures.full(1), " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actor: \" \" (expected: 1..200 characters)");
        assertThat(store.version()).isZero();
        assertThat(store.auditLog(5)).isEmpty();
    }

    @Test
    void concurrentKeyCreationAndReplacesGetDistinctVersionsAndOneAuditEntryEach() throws Exception {
        store.replace(CatalogFixtures.full(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> keys = pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    store.createKey("mypage-web", Optional.empty(), "keys");
                }
            });
            Future<?> replaces = pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    store.replace(CatalogFixtures.full(1), "replacer");
                }
            });
            keys.get(60, TimeUnit.SECONDS);
            replaces.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store.version()).isEqualTo(21);
        assertThat(store.auditLog(100)).extracting(AuditEntry::version)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 21).map(v -> 22 - v).boxed().toList());
        assertThat(store.keysOf("mypage-web")).hasSize(10);
    }

    /** Every text value of every row of the key and audit tables. */
    private List<String> everyStoredText() throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("api_keys", "audit_log")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            texts.add(String.valueOf(rs.getObject(i)));
                        }
                    }
                }
            }
            c.commit();
        }
        return texts;
    }

    @Test
    void addUsageSumsIntoOneRowPerConsumerApiAndDayAndKeepsTheLatestLastSeen() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 22);
        Instant t1 = Instant.parse("2026-11-22T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-22T11:00:00Z");
        long version = store.version();

        store.addUsage(List.of(new UsageCount("web", "products", day, 10, 1, t2),
                new UsageCount("app", "products", day, 3, 0, t1)));
        store.addUsage(List.of(new UsageCount("web", "products", day, 5, 2, t1),
                new UsageCount("web", "products", day.plusDays(1), 7, 0, t2.plus(Duration.ofDays(1))),
                new UsageCount("web", "orders", day, 1, 1, t1)));

        assertThat(store.usageOfConsumer("web", day, day.plusDays(1))).containsExactly(
                new UsageCount("web", "orders", day, 1, 1, t1),
                new UsageCount("web", "products", day, 15, 3, t2),
                new UsageCount("web", "products", day.plusDays(1), 7, 0, t2.plus(Duration.ofDays(1))));
        assertThat(store.usageOfConsumer("web", day, day)).hasSize(2);
        assertThat(store.usageOfApi("products", day, day.plusDays(1))).containsExactly(
                new ConsumerUsage("web", 22, 3, t2.plus(Duration.ofDays(1))),
                new ConsumerUsage("app", 3, 0, t1));
        assertThat(store.usageOfApi("products", day.plusDays(2), day.plusDays(3))).isEmpty();
        assertThat(store.version()).as("usage is not a catalog change").isEqualTo(version);
    }

    @Test
    void directUsageAddsToTheCallsAndIsReadBackApart() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 22);
        Instant t1 = Instant.parse("2026-11-22T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-22T11:00:00Z");

        store.addUsage(List.of(new UsageCount("web", "products", day, 10, 1, t1)));
        store.addUsage(List.of(UsageCount.direct("web", "products", day, 5, 2, t2),
                UsageCount.direct("app", "products", day, 4, 0, t1)));
        store.addUsage(List.of(UsageCount.direct("web", "products", day, 1, 0, t1)));

        assertThat(store.usageOfConsumer("web", day, day)).containsExactly(
                new UsageCount("web", "products", day, 16, 3, t2, 6, 2));
        assertThat(store.usageOfApi("products", day, day)).containsExactly(
                new ConsumerUsage("web", 16, 3, t2, 6, 2),
                new ConsumerUsage("app", 4, 0, t1, 4, 0));
    }

    @Test
    void concurrentUsageAddsFromSeveralNodesLoseNothing() throws Exception {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 22);
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        int writers = 4;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        store.addUsage(List.of(new UsageCount("web", "products", day, 2, 1, at),
                                new UsageCount("c" + r, "products", day, 1, 0, at)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<ConsumerUsage> usage = store.usageOfApi("products", day, day);
        assertThat(usage.get(0)).isEqualTo(new ConsumerUsage("web", 2L * writers * rounds, (long) writers * rounds, at));
        assertThat(usage).hasSize(1 + rounds);
        assertThat(usage.subList(1, usage.size())).allSatisfy(u -> assertThat(u.calls()).isEqualTo(writers));
    }

    @Test
    void usageQueriesRejectAnInvertedRange() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 22);
        assertThatThrownBy(() -> store.usageOfApi("products", day, day.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to: 2026-11-21 (expected: on or after from 2026-11-22)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            c.commit();
        }
    }

    @Test
    void storesOnlyTheFirstAdminTokenAndReadsItBack() {
        assertThat(store.adminTokens()).isEmpty();
        AdminToken first = new AdminToken("generated", AdminToken.Role.ADMIN, ApiKey.hash("first-token"));
        AdminToken second = new AdminToken("other", AdminToken.Role.READ_ONLY, ApiKey.hash("second-token"));

        assertThat(store.addFirstAdminToken(first)).isTrue();
        assertThat(store.addFirstAdminToken(second)).isFalse();

        assertThat(store.adminTokens()).containsExactly(first);
        assertThat(store.version()).isZero(); // tokens are not part of the catalog
    }
}
