package dev.turnpike.codegen.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * One API's files under the work directory: {@code documents/<id>} (the last document fetched, for when the
 * gateway is unreachable or answers that it is unchanged) with {@code documents/<id>.etag} (the gateway's ETag of
 * it), {@code hashes/<id>.sha256} (what its sources were generated from) and
 * {@code scratch/<id>} (swagger-codegen's output); and its package under the source directory.
 */
public final class ApiWorkspace {
    private final String id;
    private final Path work;
    private final Path packageDirectory;

    /** The files of API {@code id}, whose package is {@code javaPackage} under {@code sourceDirectory}. */
    public ApiWorkspace(String id, Path workDirectory, Path sourceDirectory, String javaPackage) {
        this.id = id;
        this.work = workDirectory;
        this.packageDirectory = sourceDirectory.resolve(javaPackage.replace('.', '/'));
    }

    /** The last document cached for this API, if any. */
    public Optional<String> cachedDocument() throws IOException {
        Path file = work.resolve("documents").resolve(id);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                : Optional.empty();
    }

    /** The gateway's ETag of the cached document, if it sent one. */
    public Optional<String> cachedEtag() throws IOException {
        Path file = work.resolve("documents").resolve(id + ".etag");
        return Files.isRegularFile(file) && Files.isRegularFile(work.resolve("documents").resolve(id))
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /**
     * Caches {@code document} and its ETag (each written to a temporary file, then moved, so a crash leaves the old
     * one; the old ETag is removed first, so it never stands for another document).
     */
    public void cache(String document, Optional<String> etag) throws IOException {
        Path etagFile = work.resolve("documents").resolve(id + ".etag");
        Files.deleteIfExists(etagFile);
        writeAtomically(work.resolve("documents").resolve(id), document);
        if (etag.isPresent()) {
            writeAtomically(etagFile, etag.get());
        }
    }

    /** Whether the sources are there and were generated from {@code hash}. */
    public boolean upToDate(String hash) throws IOException {
        Path file = work.resolve("hashes").resolve(id + ".sha256");
        return Files.isDirectory(packageDirectory) && Files.isRegularFile(file)
                && Files.readString(file, StandardCharsets.UTF_8).strip().equals(hash);
    }

    /** A fresh scratch directory for swagger-codegen. */
    public Path scratch() throws IOException {
        Path scratch = work.resolve("scratch").resolve(id);
        delete(scratch);
        return scratch;
    }

    /**
     * Replaces the API's package with the package generated under {@code generatedSources} plus {@code extra}
     * sources (file name to text), then records {@code hash} (last, so an interrupted run generates again).
     */
    public void install(Path generatedSources, String javaPackage, Map<String, String> extra, String hash)
            throws IOException {
        Files.deleteIfExists(work.resolve("hashes").resolve(id + ".sha256"));
        delete(packageDirectory);
        Path from = generatedSources.resolve(javaPackage.replace('.', '/'));
        Files.createDirectories(packageDirectory.getParent());
        copy(from, packageDirectory);
        for (Map.Entry<String, String> source : extra.entrySet()) {
            Files.writeString(packageDirectory.resolve(source.getKey()), source.getValue(), StandardCharsets.UTF_8);
        }
        writeAtomically(work.resolve("hashes").resolve(id + ".sha256"), hash);
        delete(work.resolve("scratch").resolve(id));
    }

    /** SHA-256 of the parts, hex. */
    public static String sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
