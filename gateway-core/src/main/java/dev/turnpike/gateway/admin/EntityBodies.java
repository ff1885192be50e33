package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.problem.Problem.FieldError;
import dev.turnpike.registry.file.CatalogEntities;
import dev.turnpike.registry.file.CatalogFileException;
import java.util.List;

/** Reads entity bodies in the catalog file's representation; every problem becomes a 400 field error. */
final class EntityBodies {
    /** One of {@link CatalogEntities}' readers. */
    @FunctionalInterface
    interface Reader<T> {
        T read(String text, CatalogEntities.Format format) throws CatalogFileException;
    }

    private EntityBodies() {
    }

    /**
     * The entity in {@code request}'s body.
     *
     * @throws AdminProblem 415 for a media type other than JSON or YAML; 400 listing every invalid field
     */
    static <T> T read(AdminRequest request, Reader<T> reader) {
        CatalogEntities.Format format = request.format();
        String text = request.text();
        try {
            return reader.read(text, format);
        } catch (CatalogFileException e) {
            List<FieldError> errors = e.violations().stream()
                    .map(v -> FieldError.at(v.path(), v.message())).toList();
            throw AdminProblem.invalid("The request body is invalid: " + errors.size() + " problem"
                    + (errors.size() == 1 ? "" : "s") + " (see errors)", errors);
        }
    }

    /** 400 unless the id in the body equals the id in the path. */
    static void requireSameId(String field, String inBody, String inPath) {
        if (!inBody.equals(inPath)) {
            throw AdminProblem.invalidField("/" + field, "\"" + inBody + "\" (expected: \"" + inPath
                    + "\", the id in the path)");
        }
    }
}
