package dev.turnpike.registry.file;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A catalog file (or a set of files) that could not be read into a catalog. Carries <b>every</b> problem found, each
 * with its place in the file, so an operator can fix them all in one go.
 *
 * <p>{@link #getMessage()} lists them one per line as {@code <source>:<line>: <path>: <message>}, for example
 * {@code catalog.yaml:12: apis[0].targets[1].weight: -1 (expected: 0..1000000)}.
 */
public final class CatalogFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * One problem in a catalog file.
     *
     * @param path    where in the document, such as {@code apis[0].targets[1].weight} or {@code pools[2].instances[0]}
     * @param line    1-based line in the file when known, else 0
     * @param message the value and what was expected, such as {@code -1 (expected: 0..1000000)}
     */
    public record Violation(String path, int line, String message) {
        public Violation {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
            if (line < 0) {
                throw new IllegalArgumentException("line: " + line + " (expected: >= 0)");
            }
        }
    }

    private final transient List<Violation> violations;
    private final List<String> sources;

    /**
     * All {@code violations} found in one file.
     *
     * @param source     the file name shown in messages
     * @param violations at least one
     */
    public CatalogFileException(String source, List<Violation> violations) {
        this(violations.stream().map(v -> source).toList(), violations, null);
    }

    CatalogFileException(List<String> sources, List<Violation> violations, Throwable cause) {
        super(format(sources, violations), cause);
        if (violations.isEmpty() || sources.size() != violations.size()) {
            throw new IllegalArgumentException("violations: " + violations.size() + ", sources: " + sources.size()
                    + " (expected: at least one violation, one source each)");
        }
        this.violations = List.copyOf(violations);
        this.sources = List.copyOf(sources);
    }

    /** Every problem found, in file order (files in the order given). */
    public List<Violation> violations() {
        return violations;
    }

    /** The file each of {@link #violations()} was found in, index for index. */
    public List<String> sources() {
        return sources;
    }

    private static String format(List<String> sources, List<Violation> violations) {
        return IntStream.range(0, Math.min(sources.size(), violations.size()))
                .mapToObj(i -> sources.get(i) + ":" + violations.get(i).line() + ": " + violations.get(i).path()
                        + ": " + violations.get(i).message())
                .collect(Collectors.joining("\n"));
    }
}
