package dev.turnpike.registry.file;

import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The declarative catalog file ({@code catalog.yaml}): reads it into a {@link Catalog} and writes a catalog back.
 *
 * <p>Reading reports <b>every</b> problem at once, each with its path and line in the file: unknown fields, wrong
 * types, missing fields, invalid values and broken cross-references. The format is documented in
 * {@code docs/catalog.md}.
 *
 * <pre>{@code
 * try {
 *     Catalog catalog = CatalogFile.read(Path.of("catalog.yaml"));
 *     store.replace(catalog);
 * } catch (CatalogFileException e) {
 *     System.err.println(e.getMessage()); // catalog.yaml:12: apis[0].targets[1].weight: -1 (expected: 0..1000000)
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class CatalogFile {
    private static final List<String> TOP_LEVEL_FIELDS = List.of("teams", "apis", "pools", "consumers", "composites");

    private CatalogFile() {
    }

    /**
     * Reads one catalog file (UTF-8).
     *
     * @throws CatalogFileException with every problem found, or with the I/O failure as cause if unreadable
     */
    public static Catalog read(Path file) throws CatalogFileException {
        return read(List.of(file));
    }

    /**
     * Reads several catalog files as one catalog: their teams, APIs, pools, consumers and composites are concatenated in the order given, then
     * validated together, so an API may target a pool declared in another file, and an id declared in two files is
     * reported with both places.
     *
     * @throws CatalogFileException with every problem in every file
     */
    public static Catalog read(List<Path> files) throws CatalogFileException {
        return read(files, ApiSpec.DEFAULT_MAX_SIZE);
    }

    /**
     * {@link #read(List)} accepting OpenAPI documents of up to {@code maxSpecSize} UTF-8 bytes.
     *
     * @throws CatalogFileException with every problem in every file
     */
    public static Catalog read(List<Path> files, long maxSpecSize) throws CatalogFileException {
        Objects.requireNonNull(files, "files");
        ViolationCollector violations = new ViolationCollector();
        IOException failure = null;
        Sections all = new Sections();
        for (Path file : files) {
            String source = file.toString();
            try {
                Path dir = file.toAbsolutePath().getParent();
                all.add(sections(Files.readString(file, StandardCharsets.UTF_8), source, violations, dir,
                        document -> ApiSpec.parse(document, maxSpecSize)));
            } catch (IOException e) {
                violations.add(source, "(file)", 0, "cannot read: " + reason(e));
                failure = e;
            }
        }
        return build(all, violations, failure);
    }

    /** Why a file could not be read, in words: "no such file", "permission denied", else the exception. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file (expected: the path of a catalog file)";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.toString();
    }

    /**
     * Reads catalog YAML from {@code text}; {@code sourceName} names it in messages. A {@code spec:} that names a
     * file is an error here (there is no catalog file to resolve it against): use {@link #parse(String, String,
     * Path)} or embedded documents ({@code spec: {document: ...}}).
     *
     * @throws CatalogFileException with every problem found
     */
    public static Catalog parse(String text, String sourceName) throws CatalogFileException {
        return parse(text, sourceName, (Path) null);
    }

    /**
     * Reads catalog YAML from {@code text} as if it were a file in {@code baseDir}: {@code spec:} files resolve
     * against it.
     *
     * @param baseDir a directory, or {@code null} to allow embedded specs only
     * @throws CatalogFileException with every problem found
     */
    public static Catalog parse(String text, String sourceName, Path baseDir) throws CatalogFileException {
        return parse(text, sourceName, baseDir, ApiSpec::parse);
    }

    /**
     * Reads catalog text whose OpenAPI documents may have been parsed before: {@code specs} gives the spec of each
     * document (for one it does not know, {@link ApiSpec#parse}). For a node's own copy of a catalog, written with
     * the operations of each document, so that reading it back does not parse thousands of documents again.
     *
     * @throws CatalogFileException with every problem found
     */
    public static Catalog parse(String text, String sourceName, Function<String, ApiSpec> specs)
            throws CatalogFileException {
        return parse(text, sourceName, null, specs);
    }

    private static Catalog parse(String text, String sourceName, Path baseDir, Function<String, ApiSpec> specs)
            throws CatalogFileException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(specs, "specs");
        ViolationCollector violations = new ViolationCollector();
        return build(sections(text, sourceName, violations, baseDir, specs), violations, null);
    }

    /** The catalog as YAML that {@link #parse} reads back into an equal catalog; every field is written. */
    public static String write(Catalog catalog) {
        return CatalogWriter.write(Objects.requireNonNull(catalog, "catalog"));
    }

    /**
     * The catalog as compact JSON with the same fields as {@link #write}; {@link #parse} reads it back into an equal
     * catalog (JSON is YAML). For machine-written copies where writing speed matters more than reading comfort.
     */
    public static String writeJson(Catalog catalog) {
        return CatalogWriter.writeJson(Objects.requireNonNull(catalog, "catalog"));
    }

    /** {@link #writeJson(Catalog)} streamed into {@code out} (not closed), without the whole text in memory. */
    public static void writeJson(Catalog catalog, java.io.Writer out) throws java.io.IOException {
        CatalogWriter.writeJson(Objects.requireNonNull(catalog, "catalog"), out);
    }

    private static Sections sections(String text, String source, ViolationCollector violations, Path baseDir,
                                     Function<String, ApiSpec> specs) {
        Sections sections = new Sections();
        YamlNode root = YamlTree.parse(text, source, violations);
        if (root == null) {
            return sections;
        }
        YamlFields top = YamlFields.of(root, "(root)", source, violations, TOP_LEVEL_FIELDS);
        if (top == null) {
            return sections;
        }
        List<YamlNode> teams = top.list("teams", false);
        List<YamlNode> apis = top.list("apis", false);
        List<YamlNode> pools = top.list("pools", false);
        List<YamlNode> consumers = top.list("consumers", false);
        List<YamlNode> composites = top.list("composites", false);
        if (teams != null) {
            sections.teams.addAll(new TeamReader(source, violations).read(teams));
        }
        if (pools != null) {
            sections.pools.addAll(new PoolReader(source, violations).read(pools));
        }
        if (apis != null) {
            sections.apis.addAll(new ApiReader(source, violations, baseDir, specs).read(apis, sections.declaredApiIds));
        }
        if (consumers != null) {
            sections.consumers.addAll(new ConsumerReader(source, violations).read(consumers));
        }
        if (composites != null) {
            sections.composites.addAll(new CompositeReader(source, violations).read(composites));
        }
        return sections;
    }

    private static Catalog build(Sections all, ViolationCollector violations, Throwable cause)
            throws CatalogFileException {
        CrossReferences.check(all.teams, all.apis, all.declaredApiIds, all.pools, all.consumers);
        CrossReferences.checkComposites(all.teams, all.declaredApiIds, all.composites);
        if (!violations.isEmpty()) {
            throw violations.toException(cause);
        }
        List<UpstreamPool> pools = all.pools.stream().map(PoolReader.Placed::pool).toList();
        try {
            List<Team> teams = all.teams.stream().map(TeamReader.Placed::team).toList();
            List<Consumer> consumers = all.consumers.stream().map(ConsumerReader.Placed::consumer).toList();
            List<Subscription> subscriptions = all.consumers.stream().flatMap(c -> c.subscriptions().stream())
                    .map(ConsumerReader.PlacedSubscription::subscription).toList();
            return new Catalog(teams, all.apis.stream().map(ApiReader.Placed::api).toList(), pools, consumers,
                    subscriptions, all.composites.stream().map(CompositeReader.Placed::composite).toList());
        } catch (IllegalArgumentException e) {
            // CrossReferences mirrors every Catalog check, so this is a safety net, not an expected path.
            violations.add(all.apis.isEmpty() ? "(catalog)" : all.apis.get(0).fields().source(), "(catalog)", 0,
                    e.getMessage());
            throw violations.toException(e);
        }
    }

    /** The valid parts read so far, over one or more files. */
    private static final class Sections {
        final List<TeamReader.Placed> teams = new ArrayList<>();
        final List<ApiReader.Placed> apis = new ArrayList<>();
        final List<PoolReader.Placed> pools = new ArrayList<>();
        final List<ConsumerReader.Placed> consumers = new ArrayList<>();
        final List<CompositeReader.Placed> composites = new ArrayList<>();
        final Set<String> declaredApiIds = new HashSet<>();

        void add(Sections other) {
            declaredApiIds.addAll(other.declaredApiIds);
            teams.addAll(other.teams);
            apis.addAll(other.apis);
            pools.addAll(other.pools);
            consumers.addAll(other.consumers);
            composites.addAll(other.composites);
        }
    }
}
