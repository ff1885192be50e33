package dev.turnpike.registry.store;

import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import java.util.HashMap;
import java.util.Map;

/**
 * The parsed specs of the catalog last stored or loaded, by document text, so that loading a catalog does not run
 * swagger-parser again over documents that did not change (parsing costs milliseconds per document, which adds up
 * to seconds at thousands of APIs). Holds only what the last catalog holds. Thread-safe: the map is replaced as a
 * whole.
 */
final class SpecCache {
    private volatile Map<String, ApiSpec> byDocument = Map.of();

    /** The spec of {@code document}: the remembered one if the text is the same, else freshly parsed. */
    ApiSpec parse(String document) {
        ApiSpec known = byDocument.get(document);
        return known != null ? known : ApiSpec.parse(document);
    }

    /** Remembers the specs of {@code catalog}, forgetting all others. */
    void remember(Catalog catalog) {
        Map<String, ApiSpec> specs = new HashMap<>();
        catalog.apis().forEach(a -> a.spec().ifPresent(s -> specs.putIfAbsent(s.document(), s)));
        byDocument = Map.copyOf(specs);
    }
}
