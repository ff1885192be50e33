package dev.turnpike.registry.file;

import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.InvalidSpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an API's {@code spec:}: a path to an OpenAPI document relative to the catalog file, or
 * {@code {document: <text>}} with the document itself. Every parser message becomes a violation at
 * {@code apis[i].spec}. Returns {@code null} after reporting a problem.
 */
final class SpecReader {
    static final List<String> SPEC_FIELDS = List.of("document");

    private SpecReader() {
    }

    /** @param baseDir the catalog file's directory, or {@code null} if the catalog text has no file */
    static Optional<ApiSpec> read(YamlFields api, Path baseDir, Function<String, ApiSpec> specs) {
        YamlNode node = api.node("spec");
        if (node == null) {
            return Optional.empty();
        }
        String document;
        if (node.kind() == YamlNode.Kind.MAPPING) {
            YamlFields f = api.mapping("spec", SPEC_FIELDS);
            int before = f.violationCount();
            document = f.requiredText("document", "the OpenAPI document as text");
            if (f.violationCount() > before) {
                return null;
            }
        } else {
            String file = api.text("spec", null);
            if (file == null) {
                return null;
            }
            document = load(api, baseDir, file);
            if (document == null) {
                return null;
            }
        }
        try {
            return Optional.of(specs.apply(document));
        } catch (InvalidSpecException e) {
            for (String problem : e.problems()) {
                api.report("spec", problem);
            }
            return null;
        }
    }

    private static String load(YamlFields api, Path baseDir, String file) {
        if (baseDir == null) {
            api.report("spec", "\"" + file + "\": a file relative to the catalog file, but this catalog text has no"
                    + " file (expected: {document: ...} or reading the catalog from a file)");
            return null;
        }
        Path path = baseDir.resolve(file).normalize();
        try {
            // Not read into memory beyond the largest text the catalog reads at all; the configured limit, which
            // the spec function checks, is below it.
            if (Files.size(path) > YamlTree.MAX_CODE_POINTS) {
                api.report("spec", "\"" + file + "\": " + Files.size(path) + " bytes (expected: at most "
                        + YamlTree.MAX_CODE_POINTS + " bytes)");
                return null;
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            api.report("spec", "\"" + file + "\": cannot read " + path + ": " + e);
            return null;
        }
    }
}
