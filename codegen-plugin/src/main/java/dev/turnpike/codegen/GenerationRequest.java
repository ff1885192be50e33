package dev.turnpike.codegen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ClientGenerator} generates: for each API, a typed client in its own package
 * ({@code basePackage + "." + apiId}), from the API's document on a Turnpike gateway or in a local file.
 *
 * <pre>{@code
 * GenerationRequest request = GenerationRequest.builder(Path.of("target/generated-sources/turnpike"),
 *                 Path.of("target/turnpike-codegen"), "com.example.clients")
 *         .gateway(URI.create("https://gateway.example.com"), apiKey)
 *         .apis(List.of("products", "orders"))
 *         .basePath("products", "/products/v1")
 *         .build();
 * }</pre>
 *
 * @param sourceDirectory where the generated Java sources go (a compile source root); each API's package under it
 *                        is replaced when the API is generated again
 * @param workDirectory   the cache of the last documents, the hashes they were generated from, scratch space
 * @param basePackage     the Java package the APIs' packages are in
 * @param gateway         the gateway's public URL, to fetch documents from; empty for local files only
 * @param apiKey          the consumer API key for the gateway (never printed: {@link #toString()} masks it)
 * @param apis            the ids of the APIs to fetch from the gateway; none (with a gateway) for every API the key's
 *                        consumer is subscribed to ({@link #allSubscriptions()})
 * @param files           local documents by API id (no gateway needed)
 * @param basePaths       API id to its base path on the gateway, for the generated {@code TurnpikeGateway} wiring
 *                        (for {@link #allSubscriptions()}, the base paths the gateway lists fill the gaps)
 * @param timeout         the gateway's time to answer each request; default 30 s
 */
public record GenerationRequest(
        Path sourceDirectory,
        Path workDirectory,
        String basePackage,
        Optional<URI> gateway,
        Optional<String> apiKey,
        List<String> apis,
        Map<String, Path> files,
        Map<String, String> basePaths,
        Duration timeout) {

    public GenerationRequest {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(basePackage, "basePackage");
        if (!basePackage.matches("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*")) {
            throw new IllegalArgumentException("basePackage: \"" + basePackage
                    + "\" (expected: a Java package name such as com.example.clients)");
        }
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(apiKey, "apiKey");
        apis = List.copyOf(apis);
        files = Map.copyOf(files);
        basePaths = Map.copyOf(basePaths);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        if (!apis.isEmpty() && gateway.isEmpty()) {
            throw new IllegalArgumentException("apis: " + apis + " without a gateway (expected: gatewayUrl, or"
                    + " local files only)");
        }
        if (gateway.isPresent() && apiKey.isEmpty()) {
            throw new IllegalArgumentException("apiKey: none (expected: the consumer API key for " + gateway.get()
                    + ")");
        }
        if (gateway.isEmpty() && files.isEmpty()) {
            throw new IllegalArgumentException("gateway: none and files: none (expected: a gateway to fetch API"
                    + " documents from, or local documents)");
        }
        for (String id : apis) {
            if (files.containsKey(id)) {
                throw new IllegalArgumentException("apis: \"" + id + "\" is also a local file (expected: one source"
                        + " per API)");
            }
        }
        for (String id : basePaths.keySet()) {
            if (!basePaths.get(id).startsWith("/")) {
                throw new IllegalArgumentException("basePaths." + id + ": \"" + basePaths.get(id)
                        + "\" (expected: a path starting with /)");
            }
        }
    }

    /**
     * Whether the APIs to fetch are every API the key's consumer is subscribed to, direct or not, that has a document
     * (a gateway and no {@link #apis()}); APIs given as {@link #files()} are taken from the files instead.
     */
    public boolean allSubscriptions() {
        return gateway.isPresent() && apis.isEmpty();
    }

    /** A builder; {@code sourceDirectory}, {@code workDirectory} and {@code basePackage} are required. */
    public static Builder builder(Path sourceDirectory, Path workDirectory, String basePackage) {
        return new Builder(sourceDirectory, workDirectory, basePackage);
    }

    @Override
    public String toString() {
        return "GenerationRequest[sourceDirectory=" + sourceDirectory + ", workDirectory=" + workDirectory
                + ", basePackage=" + basePackage + ", gateway=" + gateway + ", apiKey="
                + (apiKey.isPresent() ? "***" : "none") + ", apis=" + apis + ", files=" + files + ", basePaths="
                + basePaths + ", timeout=" + timeout + "]";
    }

    /** Builds a {@link GenerationRequest}. Not thread-safe. */
    public static final class Builder {
        private final Path sourceDirectory;
        private final Path workDirectory;
        private final String basePackage;
        private Optional<URI> gateway = Optional.empty();
        private Optional<String> apiKey = Optional.empty();
        private List<String> apis = List.of();
        private final Map<String, Path> files = new LinkedHashMap<>();
        private final Map<String, String> basePaths = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(Path sourceDirectory, Path workDirectory, String basePackage) {
            this.sourceDirectory = sourceDirectory;
            this.workDirectory = workDirectory;
            this.basePackage = basePackage;
        }

        /** Fetch documents from {@code url} with {@code key}. */
        public Builder gateway(URI url, String key) {
            this.gateway = Optional.of(url);
            this.apiKey = Optional.of(key);
            return this;
        }

        /** The API ids to fetch from the gateway; none (the default) for all the key's subscriptions. */
        public Builder apis(List<String> ids) {
            this.apis = ids;
            return this;
        }

        /** Generates API {@code id} from the local document {@code file}. */
        public Builder file(String id, Path file) {
            files.put(id, file);
            return this;
        }

        /** API {@code id} is served under {@code basePath} on the gateway. */
        public Builder basePath(String id, String basePath) {
            basePaths.put(id, basePath);
            return this;
        }

        /** The gateway's time to answer; default 30 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the field that is wrong */
        public GenerationRequest build() {
            return new GenerationRequest(sourceDirectory, workDirectory, basePackage, gateway, apiKey, apis, files,
                    basePaths, timeout);
        }
    }
}
