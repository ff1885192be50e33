package dev.turnpike.registry.file;

import dev.turnpike.registry.file.CatalogFileException.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Gathers the violations of one or more files, remembering the file of each. Not thread-safe. */
final class ViolationCollector {
    private final List<String> sources = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();

    void add(String source, String path, int line, String message) {
        sources.add(source);
        violations.add(new Violation(path, line, message));
    }

    boolean isEmpty() {
        return violations.isEmpty();
    }

    int size() {
        return violations.size();
    }

    /** All violations, per file in the order files were first seen, by line within a file. */
    CatalogFileException toException(Throwable cause) {
        List<String> order = sources.stream().distinct().toList();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < violations.size(); i++) {
            indices.add(i);
        }
        indices.sort(Comparator.<Integer>comparingInt(i -> order.indexOf(sources.get(i)))
                .thenComparingInt(i -> violations.get(i).line()));
        return new CatalogFileException(indices.stream().map(sources::get).toList(),
                indices.stream().map(violations::get).toList(), cause);
    }
}
