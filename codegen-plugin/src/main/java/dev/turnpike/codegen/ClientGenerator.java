package dev.turnpike.codegen;

import dev.turnpike.codegen.GenerationResult.ApiOutcome;
import dev.turnpike.codegen.GenerationResult.Outcome;
import dev.turnpike.codegen.internal.ApiWorkspace;
import dev.turnpike.codegen.internal.GatewayDocuments;
import dev.turnpike.codegen.internal.GatewayWiring;
import dev.turnpike.codegen.internal.PreparedDocument;
import dev.turnpike.codegen.internal.SwaggerCodegenRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.SourceVersion;

/**
 * Generates typed helper libraries with swagger-codegen v3 ({@code java}, {@code okhttp4-gson}), one package per API,
 * from documents on a Turnpike gateway or in local files; what the Maven plugin and {@code turnpike codegen} run.
 *
 * <ul>
 *   <li><b>Incremental</b>: an API whose document, package, base path and generator version hash to what its sources
 *       were generated from is left alone.</li>
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
    static final String GENERATOR_VERSION = "turnpike-codegen-1 swagger-codegen-3.0.81 okhttp4-gson";

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
        for (String id : request.apis()) {
            ApiWorkspace workspace = workspace(request, id);
            boolean fromCache = false;
            String document;
            try {
                document = gateway.document(id);
                workspace.cache(document);
            } catch (GatewayDocuments.UnreachableException e) {
                document = cached(workspace, id, e);
                fromCache = true;
            } catch (IOException e) {
                throw new CodegenException(id, "cannot cache the document under " + request.workDirectory() + ": "
                        + e, e);
            }
            outcomes.add(generate(request, id, document, fromCache, workspace));
        }
        for (Map.Entry<String, Path> file : request.files().entrySet()) {
            String id = file.getKey();
            String document;
            try {
                document = Files.readString(file.getValue(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CodegenException(id, "cannot read " + file.getValue() + ": " + e, e);
            }
            outcomes.add(generate(request, id, document, false, workspace(request, id)));
        }
        return new GenerationResult(outcomes);
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
                                ApiWorkspace workspace) {
        String javaPackage = javaPackage(request.basePackage(), id);
        String basePath = request.basePaths().getOrDefault(id, "");
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
}
