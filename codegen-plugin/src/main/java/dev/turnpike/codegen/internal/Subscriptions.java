package dev.turnpike.codegen.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.codegen.CodegenException;
import dev.turnpike.codegen.CodegenLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The APIs an API key's consumer is subscribed to, direct or not, from the gateway's {@code GET
 * /_turnpike/lookup/v1/subscriptions} (retired APIs are not listed). The last listing is cached as
 * {@code subscriptions.json} under the work directory and stands in, with a warning, when the gateway is unreachable.
 */
public final class Subscriptions {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One subscribed API.
     *
     * @param id        the API id
     * @param lifecycle {@code ACTIVE} or {@code DEPRECATED}
     * @param sunset    a deprecated API's planned retirement day
     * @param successor a deprecated API's replacement
     * @param basePath  where the gateway serves it
     * @param direct    whether the consumer may call it end-to-end
     * @param specEtag  the ETag of its document; empty when it has none
     */
    public record Subscribed(String id, String lifecycle, Optional<String> sunset, Optional<String> successor,
                             String basePath, boolean direct, Optional<String> specEtag) {
        public Subscribed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(lifecycle, "lifecycle");
            Objects.requireNonNull(sunset, "sunset");
            Objects.requireNonNull(successor, "successor");
            Objects.requireNonNull(basePath, "basePath");
            Objects.requireNonNull(specEtag, "specEtag");
        }
    }

    private final GatewayDocuments gateway;
    private final Path cache;
    private final CodegenLog log;

    /** The subscriptions of {@code gateway}'s key, cached under {@code workDirectory}. */
    public Subscriptions(GatewayDocuments gateway, Path workDirectory, CodegenLog log) {
        this.gateway = gateway;
        this.cache = workDirectory.resolve("subscriptions.json");
        this.log = log;
    }

    /**
     * The subscribed APIs, by id.
     *
     * @throws CodegenException when the gateway refuses the key, or is unreachable and no listing is cached
     */
    public List<Subscribed> list() {
        String json;
        try {
            json = gateway.subscriptions();
            Files.createDirectories(cache.getParent());
            Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING);
        } catch (GatewayDocuments.UnreachableException e) {
            if (!Files.isRegularFile(cache)) {
                throw new CodegenException("", e.getMessage() + ", and no subscription list of an earlier build is"
                        + " cached (expected: a reachable gateway, or one earlier build that reached it)", e);
            }
            log.warn(e.getMessage() + "; using the subscriptions listed to an earlier build");
            json = read();
        } catch (IOException e) {
            throw new CodegenException("", "cannot cache the subscription list as " + cache + ": " + e, e);
        }
        return parse(json);
    }

    /**
     * Reads the gateway's listing.
     *
     * @throws CodegenException when it is not one
     */
    static List<Subscribed> parse(String json) {
        try {
            JsonNode subscriptions = JSON.readTree(json).path("subscriptions");
            if (!subscriptions.isArray()) {
                throw new IOException("no \"subscriptions\" array");
            }
            List<Subscribed> out = new ArrayList<>();
            for (JsonNode s : subscriptions) {
                JsonNode spec = s.path("spec");
                out.add(new Subscribed(s.path("id").asText(), s.path("lifecycle").asText("ACTIVE"), text(s, "sunset"),
                        text(s, "successor"), s.path("basePath").asText("/"), s.path("direct").asBoolean(),
                        spec.isObject() ? Optional.of(spec.path("etag").asText("")) : Optional.empty()));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new CodegenException("", "the gateway's subscription list cannot be read: " + e.getMessage()
                    + " (expected: the JSON of GET /_turnpike/lookup/v1/subscriptions)", e);
        }
    }

    private String read() {
        try {
            return Files.readString(cache, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CodegenException("", "cannot read the cached subscription list " + cache + ": " + e, e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
