package dev.turnpike.codegen.maven;

import dev.turnpike.codegen.ClientGenerator;
import dev.turnpike.codegen.CodegenException;
import dev.turnpike.codegen.CodegenLog;
import dev.turnpike.codegen.GenerationRequest;
import dev.turnpike.codegen.GenerationResult;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;

/**
 * {@code turnpike-codegen:generate}: typed clients for APIs of a Turnpike catalog, generated with swagger-codegen
 * ({@code java}, {@code okhttp4-gson}) into {@link #outputDirectory}, which becomes a compile source root. Thin:
 * builds a {@link GenerationRequest} and runs {@link ClientGenerator}; {@code docs/codegen.md} describes every
 * parameter.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
    /** The environment variable read for the API key when no property or server entry gives one. */
    static final String API_KEY_ENV = "TURNPIKE_API_KEY";

    /** The gateway's public URL; documents are fetched from its lookup API. Not needed for {@link #files} only. */
    @Parameter(property = "turnpike.gatewayUrl")
    String gatewayUrl;

    /** The consumer API key; else the {@link #serverId} server's password in settings.xml; else TURNPIKE_API_KEY. */
    @Parameter(property = "turnpike.apiKey")
    String apiKey;

    /** The settings.xml server whose password is the API key. */
    @Parameter(property = "turnpike.serverId", defaultValue = "turnpike")
    String serverId;

    /** The ids of the APIs to fetch from the gateway; none for every API the key's consumer is subscribed to. */
    @Parameter
    List<String> apis;

    /** Local documents by API id ({@code <products>src/main/openapi/products.yaml</products>}); no gateway needed. */
    @Parameter
    Map<String, File> files;

    /** Each API's base path on the gateway ({@code <products>/products/v1</products>}), for TurnpikeGateway. */
    @Parameter
    Map<String, String> basePaths;

    /** The package the APIs' packages go in: API {@code products} is generated in {@code <basePackage>.products}. */
    @Parameter(property = "turnpike.basePackage", required = true)
    String basePackage;

    /** Where the generated sources go; added to the compile source roots. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/turnpike", required = true)
    File outputDirectory;

    /** The cache of the last documents and of what was generated from them. */
    @Parameter(defaultValue = "${project.build.directory}/turnpike-codegen", required = true)
    File workDirectory;

    /** Seconds the gateway has to answer each request. */
    @Parameter(property = "turnpike.timeoutSeconds", defaultValue = "30")
    int timeoutSeconds;

    /** Skips the goal. */
    @Parameter(property = "turnpike.codegen.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("turnpike-codegen: skipped");
            return;
        }
        GenerationRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("turnpike-codegen: " + e.getMessage(), e);
        }
        try {
            GenerationResult result = new ClientGenerator(new CodegenLog() {
                @Override
                public void info(String message) {
                    getLog().info(message);
                }

                @Override
                public void warn(String message) {
                    getLog().warn(message);
                }
            }).generate(request);
            getLog().info("turnpike-codegen: " + result.generated() + " of " + result.apis().size()
                    + " API(s) generated, the others up to date");
        } catch (CodegenException e) {
            throw new MojoFailureException("turnpike-codegen: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(outputDirectory.getPath());
    }

    private GenerationRequest request() {
        GenerationRequest.Builder b = GenerationRequest.builder(outputDirectory.toPath(), workDirectory.toPath(),
                basePackage == null ? "" : basePackage);
        if (gatewayUrl != null && !gatewayUrl.isBlank()) {
            URI uri = URI.create(gatewayUrl.strip());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("gatewayUrl: \"" + gatewayUrl
                        + "\" (expected: http:// or https:// URL)");
            }
            String key = apiKey().orElseThrow(() -> new IllegalArgumentException("apiKey: none (expected: property"
                    + " turnpike.apiKey, a server \"" + serverId + "\" in settings.xml with the key as its password,"
                    + " or " + API_KEY_ENV + ")"));
            b.gateway(uri, key);
        }
        b.apis(apis == null ? List.of() : apis);
        if (files != null) {
            files.forEach((id, file) -> b.file(id, (file.isAbsolute() ? file
                    : new File(project.getBasedir(), file.getPath())).toPath()));
        }
        if (basePaths != null) {
            basePaths.forEach(b::basePath);
        }
        return b.timeout(Duration.ofSeconds(timeoutSeconds)).build();
    }

    private Optional<String> apiKey() {
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.strip());
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server != null && server.getPassword() != null && !server.getPassword().isBlank()) {
            return Optional.of(server.getPassword().strip());
        }
        return Optional.ofNullable(System.getenv(API_KEY_ENV)).filter(k -> !k.isBlank()).map(String::strip);
    }
}
