package dev.turnpike.gateway.catalog;

import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.spec.OperationsJson;
import dev.turnpike.registry.store.VersionedCatalog;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last catalog a node served, kept on its local disk ({@code <dataDir>/last-known-catalog.yaml}) so the node can
 * start and serve while the shared store is unreachable. Written atomically (temporary file, then rename), so a
 * crash leaves either the old or the new file, never half of one. The catalog is written as JSON (a catalog file that
 * is quick to write at 10,000 APIs; it is YAML too). The first line records the catalog version; the
 * API keys of that version (hashes, never plaintext, so keyed APIs keep working on a cold start) follow the catalog
 * as comment lines {@code # key <id> <consumer> <prefix> <hash> <createdMs> <expiresMs|-> <revoked>}, which YAML
 * readers skip; so do the lines {@code # spec <sha256 of a document> <its operations as JSON>}, from which reading
 * the file makes each OpenAPI document's spec again without parsing it (seconds at thousands of documents).
 *
 * <p>Not thread-safe; used from the catalog sync thread.
 */
public final class SnapshotFile {
    private static final String VERSION_PREFIX = "# turnpike catalog version: ";
    private static final String KEY_PREFIX = "# key ";
    private static final String SPEC_PREFIX = "# spec ";

    private final Path file;

    public SnapshotFile(Path dataDir) {
        this.file = dataDir.resolve("last-known-catalog.yaml");
    }

    /** Where the file lives. */
    public Path path() {
        return file;
    }

    /** Writes {@code catalog} and its version, replacing the previous file atomically. */
    public void write(VersionedCatalog catalog) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        // Streamed: at 10,000 APIs the text is megabytes, written every second under a burst of admin writes.
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write(VERSION_PREFIX + catalog.version() + "\n");
            CatalogFile.writeJson(catalog.catalog(), out);
            out.write('\n');
            Set<String> written = new HashSet<>();
            for (Api api : catalog.catalog().apis()) {
                ApiSpec spec = api.spec().orElse(null);
                String operations = spec == null ? null : OperationsJson.write(spec);
                if (operations != null && written.add(spec.document())) {
                    out.write(SPEC_PREFIX + ApiKey.hash(spec.document()) + ' ' + operations + '\n');
                }
            }
            for (ApiKey k : catalog.keys()) {
                out.write(KEY_PREFIX + k.id() + ' ' + k.consumer() + ' ' + k.prefix() + ' ' + k.hash() + ' '
                        + k.createdAt().toEpochMilli() + ' '
                        + k.expiresAt().map(t -> Long.toString(t.toEpochMilli())).orElse("-") + ' ' + k.revoked()
                        + '\n');
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The catalog last written, or empty if there is none.
     *
     * @throws IOException if the file exists but cannot be read or is not a valid catalog
     */
    public Optional<VersionedCatalog> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.startsWith(VERSION_PREFIX)) {
            throw new IOException(file + ": first line is not \"" + VERSION_PREFIX + "N\"");
        }
        int eol = text.indexOf('\n');
        long version;
        try {
            version = Long.parseLong(text.substring(VERSION_PREFIX.length(), eol).trim());
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IOException(file + ": bad version line", e);
        }
        // The comment lines after the catalog, in one pass: key hashes, and the operations of each document.
        List<ApiKey> keys = new ArrayList<>();
        Map<String, String> operations = new HashMap<>(); // by the document's SHA-256
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.startsWith(KEY_PREFIX)) {
                keys.add(key(line));
            } else if (line.startsWith(SPEC_PREFIX)) {
                int space = line.indexOf(' ', SPEC_PREFIX.length());
                if (space > 0) {
                    operations.put(line.substring(SPEC_PREFIX.length(), space), line.substring(space + 1));
                }
            }
        }
        try {
            return Optional.of(new VersionedCatalog(version, CatalogFile.parse(text, file.toString(), document -> {
                String known = operations.get(ApiKey.hash(document));
                return known == null ? ApiSpec.parse(document, ApiSpec.UNLIMITED) : OperationsJson.spec(document, known);
            }), keys));
        } catch (CatalogFileException e) {
            throw new IOException(file + ": not a valid catalog: " + e.getMessage(), e);
        }
    }

    private ApiKey key(String line) throws IOException {
        String[] f = line.substring(KEY_PREFIX.length()).trim().split(" ");
        try {
            return new ApiKey(f[0], f[1], f[2], f[3], Instant.ofEpochMilli(Long.parseLong(f[4])),
                    f[5].equals("-") ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(f[5]))),
                    Boolean.parseBoolean(f[6]));
        } catch (RuntimeException e) {
            throw new IOException(file + ": bad key line \"" + line + "\"", e);
        }
    }
}
