package dev.turnpike.codegen;

import dev.turnpike.codegen.GenerationResult.ApiOutcome;
import dev.turnpike.codegen.GenerationResult.Outcome;
import dev.turnpike.codegen.internal.ApiWorkspace;
import dev.turnpike.codegen.internal.GatewayDocuments;
import dev.turnpike.codegen.internal.GatewayWiring;
import dev.turnpike.codegen.internal.PreparedDocument;
import dev.turnpike.codegen.internal.Subscriptions;
import dev.turnpike.codegen.internal.SwaggerCodegenRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/**
 * Generates typed helper libraries with swagger-codegen v3 ({@code java}, {@code okhttp4-gson}), one package per API,
 * from documents on a Turnpike gateway or in local files; what the Maven plugin runs.
 *
 * <ul>
 *   <li><b>Which APIs</b>: the request's ids; without ids but with a gateway, every API the key's consumer is
 *       subscribed to (direct or not) that has a document, from the lookup API's {@code GET /subscriptions}, with
 *       the base paths it lists.</li>
 *   <li><b>Incremental</b>: an API whose document, package, base path and generator version hash to what its sources
 *       were generated from is left alone; a document whose ETag (in the subscription list, or a 304 to
 *       {@code If-None-Match}) matches the cached one is not downloaded again.</li>
 *   <li><b>Offline</b>: every document fetched is cached under the work directory; when the gateway is unreachable
 *       the cached one is used, with a warning. Refusals (401, 403, 404) are errors, never hidden by the cache.</li>
 *   <li><b>Documents as they are</b>: Swagger 2.0, OpenAPI 3.0 and 3.1, repaired where stock swagger-codegen fails
 *       ({@code docs/codegen.md} lists the repairs, each reported through the log).</li>
 * </ul>
 *
 * <pre>{@code
 * GenerationResult result = new ClientGenerator(log).generate(request);
 * }</pre>
 *
 * <p>Not thread-safe: one generation at a time per work directory.
 */
public final class ClientGenerator {
    /** Part of every hash: a new generator version generates again. */
    static final String GENERATOR_VERSION = "turnpike-codegen-2 swagger-codegen-3.0.81 okhttp4-gson";

    private final CodegenLog log;

    /** A generator reporting to {@code log}. */
    public ClientGenerator(CodegenLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Generates every API of {@code request}.
     *
     * @throws CodegenException naming the API, at the first API that fails (unknown id, key refused, gateway
     *                          unreachable without a cached document, a document the generator cannot handle)
     */
    public GenerationResult generate(GenerationRequest request) {
        List<ApiOutcome> outcomes = new ArrayList<>();
        GatewayDocuments gateway = request.gateway().map(g -> new GatewayDocuments(g, request.apiKey().orElseThrow(),
                request.timeout())).orElse(null);
        Map<String, String> basePaths = new HashMap<>(request.basePaths());
        Map<String, String> listedEtags = new HashMap<>();
        List<String> ids = request.apis();
        if (request.allSubscriptions()) {
            ids = subscribed(request, gateway, basePaths, listedEtags);
        }
        for (String id : ids) {
            ApiWorkspace workspace = workspace(request, id);
            Document document = document(gateway, workspace, id, listedEtags.get(id), request.workDirectory());
            outcomes.add(generate(request, id, document.text(), document.fromCache(), workspace,
                    basePaths.getOrDefault(id, "")));
        }
        for (Map.Entry<String, Path> file : request.files().entrySet()) {
            String id = file.getKey();
            String document;
            try {
                document = Files.readString(file.getValue(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CodegenException(id, "cannot read " + file.getValue() + ": " + e, e);
            }
            outcomes.add(generate(request, id, document, false, workspace(request, id),
                    basePaths.getOrDefault(id, "")));
        }
        return new GenerationResult(outcomes);
    }

    /**
     * The ids of the key's subscribed APIs to generate: not those given as local files, not those without a
     * document (a warning each). Their base paths (unless given) and documents' ETags go into the maps.
     */
    private List<String> subscribed(GenerationRequest request, GatewayDocuments gateway, Map<String, String> basePaths,
                                    Map<String, String> etags) {
        List<String> ids = new ArrayList<>();
        for (Subscriptions.Subscribed s : new Subscriptions(gateway, request.workDirectory(), log).list()) {
            String api = "API \"" + s.id() + "\": ";
            if (request.files().containsKey(s.id())) {
                log.info(api + "subscribed; generated from its local file, not from the gateway");
                continue;
            }
            if (s.specEtag().isEmpty()) {
                log.warn(api + "subscribed, but the catalog has no OpenAPI document for it; not generated");
                continue;
            }
            if (s.lifecycle().equals("DEPRECATED")) {
                log.warn(api + "deprecated" + s.sunset().map(d -> ", to be retired on " + d).orElse("")
                        + s.successor().map(n -> "; its successor is API \"" + n + "\"").orElse(""));
            }
            basePaths.putIfAbsent(s.id(), s.basePath());
            etags.put(s.id(), s.specEtag().get());
            ids.add(s.id());
        }
        log.info("turnpike-codegen: the API key's subscriptions with a document: " + ids);
        if (ids.isEmpty() && request.files().isEmpty()) {
            log.warn("turnpike-codegen: the API key's consumer has no subscription with a document; nothing to"
                    + " generate");
        }
        return ids;
    }

    /**
     * The document of API {@code id}: the cached one when the subscription list's ETag or the gateway (304) says it
     * is unchanged, else the one fetched (then cached); the cached one with a warning when the gateway is
     * unreachable.
     */
    private Document document(GatewayDocuments gateway, ApiWorkspace workspace, String id, String listedEtag,
                              Path workDirectory) {
        try {
            Optional<String> cachedEtag = workspace.cachedEtag();
            if (listedEtag != null && cachedEtag.isPresent() && cachedEtag.get().equals(listedEtag)) {
                return new Document(workspace.cachedDocument().orElseThrow(), false);
            }
            GatewayDocuments.Fetched fetched = gateway.document(id, cachedEtag);
            if (fetched.notModified()) {
                return new Document(workspace.cachedDocument().orElseThrow(), false);
            }
            workspace.cache(fetched.document(), fetched.etag());
            return new Document(fetched.document(), false);
        } catch (GatewayDocuments.UnreachableException e) {
            return new Document(cached(workspace, id, e), true);
        } catch (IOException e) {
            throw new CodegenException(id, "cannot cache the document under " + workDirectory + ": " + e, e);
        }
    }

    /** The package of API {@code id}'s client: {@code basePackage} plus the id as a Java identifier. */
    public static String javaPackage(String basePackage, String id) {
        String name = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || SourceVersion.isKeyword(name)) {
            name = "api_" + name;
        }
        return basePackage + "." + name;
    }

    private static ApiWorkspace workspace(GenerationRequest request, String id) {
        return new ApiWorkspace(id, request.workDirectory(), request.sourceDirectory(),
                javaPackage(request.basePackage(), id));
    }

    private String cached(ApiWorkspace workspace, String id, Exception unreachable) {
        try {
            String document = workspace.cachedDocument().orElseThrow(() -> new CodegenException(id,
                    unreachable.getMessage() + ", and no document of an earlier build is cached (expected: a"
                            + " reachable gateway, or one earlier build that reached it)", unreachable));
            log.warn("API \"" + id + "\": " + unreachable.getMessage() + "; using the document cached by an earlier"
                    + " build");
            return document;
        } catch (IOException e) {
            throw new CodegenException(id, "cannot read the cached document: " + e, e);
        }
    }

    private ApiOutcome generate(GenerationRequest request, String id, String document, boolean fromCache,
                                ApiWorkspace workspace, String basePath) {
        String javaPackage = javaPackage(request.basePackage(), id);
        String hash = ApiWorkspace.sha256(GENERATOR_VERSION, javaPackage, basePath, document);
        try {
            if (workspace.upToDate(hash)) {
                log.info("API \"" + id + "\": up to date (" + javaPackage + ")");
                return new ApiOutcome(id, javaPackage, Outcome.UP_TO_DATE, fromCache, List.of());
            }
            PreparedDocument prepared = PreparedDocument.of(id, document);
            prepared.notes().forEach(n -> log.info("API \"" + id + "\": " + n));
            Path sources = SwaggerCodegenRun.generate(id, prepared.json(), javaPackage, workspace.scratch());
            workspace.install(sources, javaPackage,
                    Map.of(GatewayWiring.FILE, GatewayWiring.source(javaPackage, id, basePath)), hash);
            log.info("API \"" + id + "\": generated " + javaPackage);
            return new ApiOutcome(id, javaPackage, Outcome.GENERATED, fromCache, prepared.notes());
        } catch (IOException e) {
            throw new CodegenException(id, "cannot write the generated sources: " + e, e);
        }
    }

    /** A document and whether it is the cached one because the gateway was unreachable. */
    private record Document(String text, boolean fromCache) {
    }
}
