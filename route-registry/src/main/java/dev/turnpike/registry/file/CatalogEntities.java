package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One entity of the catalog file at a time: reads the JSON or YAML text of one team, API, pool, consumer,
 * subscription or composite into the model, and writes one back as the tree the catalog file has for it. The admin API and the
 * catalog file thus share one representation: what {@code GET /admin/v1/apis/products} returns is exactly the
 * {@code apis:} item {@code turnpike export} writes.
 *
 * <p>Reading checks everything one entity can check by itself (unknown fields, types, missing fields, values); the
 * checks that need the rest of the catalog (owner teams, pools, base-path collisions) are the caller's. Every
 * problem is reported, each as a {@link CatalogFileException.Violation} whose {@code path} is a JSON pointer
 * (RFC 6901) into the given document, such as {@code /policies/timeout} or {@code /targets/1/weight}; the empty
 * pointer means the document itself. A {@code spec:} must embed its document ({@code {document: ...}}): there is no
 * file to resolve a path against.
 *
 * <pre>{@code
 * try {
 *     Api api = CatalogEntities.readApi(body, CatalogEntities.Format.JSON);
 * } catch (CatalogFileException e) {
 *     e.violations().forEach(v -> System.out.println(v.path() + ": " + v.message()));
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class CatalogEntities {
    private static final String SOURCE = "(request body)";

    /** The syntax of a document. */
    public enum Format {
        /** Strict JSON. */
        JSON,
        /** YAML 1.1 (which also reads most JSON). */
        YAML
    }

    /**
     * A consumer as the catalog file has it: with its subscriptions.
     *
     * @param consumer      the consumer
     * @param subscriptions its subscriptions, each to another API
     */
    public record ConsumerEntity(Consumer consumer, List<Subscription> subscriptions) {
        public ConsumerEntity {
            Objects.requireNonNull(consumer, "consumer");
            subscriptions = List.copyOf(subscriptions);
        }
    }

    private CatalogEntities() {
    }

    /** Reads one team. @throws CatalogFileException with every problem, paths as JSON pointers */
    public static Team readTeam(String text, Format format) throws CatalogFileException {
        return read(text, format, (node, v) -> {
            TeamReader.Placed placed = new TeamReader(SOURCE, v).readOne(node, "(root)");
            return placed == null ? null : placed.team();
        });
    }

    /** Reads one API. @throws CatalogFileException with every problem, paths as JSON pointers */
    public static Api readApi(String text, Format format) throws CatalogFileException {
        return readApi(text, format, ApiSpec.DEFAULT_MAX_SIZE);
    }

    /**
     * Reads one API whose document may be up to {@code maxSpecSize} UTF-8 bytes.
     *
     * @throws CatalogFileException with every problem, paths as JSON pointers
     */
    public static Api readApi(String text, Format format, long maxSpecSize) throws CatalogFileException {
        return read(text, format, (node, v) -> {
            ApiReader.Placed placed = new ApiReader(SOURCE, v, null, document -> ApiSpec.parse(document, maxSpecSize))
                    .readOne(node, "(root)");
            return placed == null ? null : placed.api();
        });
    }

    /** Reads one pool with its instances. @throws CatalogFileException with every problem, paths as JSON pointers */
    public static UpstreamPool readPool(String text, Format format) throws CatalogFileException {
        return read(text, format, (node, v) -> {
            PoolReader.Placed placed = new PoolReader(SOURCE, v).readOne(node, "(root)");
            return placed == null ? null : placed.pool();
        });
    }

    /**
     * Reads one consumer with its {@code subscriptions}.
     *
     * @throws CatalogFileException with every problem, paths as JSON pointers
     */
    public static ConsumerEntity readConsumer(String text, Format format) throws CatalogFileException {
        return read(text, format, (node, v) -> {
            ConsumerReader.Placed placed = new ConsumerReader(SOURCE, v).readOne(node, "(root)");
            return placed == null ? null : new ConsumerEntity(placed.consumer(),
                    placed.subscriptions().stream().map(ConsumerReader.PlacedSubscription::subscription).toList());
        });
    }

    /**
     * Reads one subscription of {@code consumer} ({@code {api, plan, direct}}, as listed under a consumer).
     *
     * @throws CatalogFileException with every problem, paths as JSON pointers
     */
    public static Subscription readSubscription(String consumer, String text, Format format)
            throws CatalogFileException {
        Objects.requireNonNull(consumer, "consumer");
        return read(text, format, (node, v) -> {
            ConsumerReader.PlacedSubscription placed = new ConsumerReader(SOURCE, v)
                    .readSubscription(node, "(root)", consumer, new java.util.HashMap<>(), 0);
            return placed == null ? null : placed.subscription();
        });
    }

    /** Reads one composite. @throws CatalogFileException with every problem, paths as JSON pointers */
    public static Composite readComposite(String text, Format format) throws CatalogFileException {
        return read(text, format, (node, v) -> {
            CompositeReader.Placed placed = new CompositeReader(SOURCE, v).readOne(node, "(root)");
            return placed == null ? null : placed.composite();
        });
    }

    /** The composite as the catalog file writes it. */
    public static Map<String, Object> write(Composite composite) {
        return CatalogWriter.composite(Objects.requireNonNull(composite, "composite"));
    }

    /** The team as the catalog file writes it: a tree of maps, lists, strings, numbers and booleans. */
    public static Map<String, Object> write(Team team) {
        return CatalogWriter.team(Objects.requireNonNull(team, "team"));
    }

    /** The API as the catalog file writes it (an OpenAPI document embedded as {@code spec: {document: ...}}). */
    public static Map<String, Object> write(Api api) {
        return CatalogWriter.api(Objects.requireNonNull(api, "api"));
    }

    /** The pool as the catalog file writes it. */
    public static Map<String, Object> write(UpstreamPool pool) {
        return CatalogWriter.pool(Objects.requireNonNull(pool, "pool"));
    }

    /** The consumer as the catalog file writes it, with those of {@code subscriptions} that are its own. */
    public static Map<String, Object> write(Consumer consumer, List<Subscription> subscriptions) {
        return CatalogWriter.consumer(Objects.requireNonNull(consumer, "consumer"), subscriptions);
    }

    /** The subscription as the catalog file writes it under its consumer ({@code api}, {@code plan}, {@code direct}). */
    public static Map<String, Object> write(Subscription subscription) {
        return CatalogWriter.subscription(Objects.requireNonNull(subscription, "subscription"));
    }

    /**
     * The JSON pointer of a catalog file path relative to one entity: {@code targets[1].weight} becomes
     * {@code /targets/1/weight}, {@code (root)} the empty pointer.
     */
    static String pointer(String path) {
        if (path.equals("(root)") || path.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                b.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return b.toString();
    }

    private interface EntityReader<T> {
        T read(YamlNode node, ViolationCollector violations);
    }

    private static <T> T read(String text, Format format, EntityReader<T> reader) throws CatalogFileException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        ViolationCollector violations = new ViolationCollector();
        YamlNode root = format == Format.JSON ? YamlTree.parseJson(text, SOURCE, violations)
                : YamlTree.parse(text, SOURCE, violations);
        T entity = root == null ? null : reader.read(root, violations);
        if (!violations.isEmpty() || entity == null) {
            if (violations.isEmpty()) {
                violations.add(SOURCE, "(root)", 0, "not a valid entity");
            }
            CatalogFileException e = violations.toException(null);
            Function<CatalogFileException.Violation, CatalogFileException.Violation> toPointer =
                    v -> new CatalogFileException.Violation(pointer(v.path()), v.line(), v.message());
            throw new CatalogFileException(e.sources(), e.violations().stream().map(toPointer).toList(), null);
        }
        return entity;
    }
}
