package dev.turnpike.gateway.catalog;

import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.store.VersionedCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last catalog a node served, kept on its local disk ({@code <dataDir>/last-known-catalog.yaml}) so the node can
 * start and serve while the shared store is unreachable. Written atomically (temporary file, then rename), so a
 * crash leaves either the old or the new file, never half of one. The first line records the catalog version.
 *
 * <p>Not thread-safe; used from the catalog sync thread.
 */
public final class SnapshotFile {
    private static final String VERSION_PREFIX = "# turnpike catalog version: ";

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
        String text = VERSION_PREFIX + catalog.version() + "\n" + CatalogFile.write(catalog.catalog());
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
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
        try {
            return Optional.of(new VersionedCatalog(version, CatalogFile.parse(text, file.toString())));
        } catch (CatalogFileException e) {
            throw new IOException(file + ": not a valid catalog: " + e.getMessage(), e);
        }
    }
}
