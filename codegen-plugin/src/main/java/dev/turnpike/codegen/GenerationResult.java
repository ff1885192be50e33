package dev.turnpike.codegen;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ClientGenerator#generate} did, per API.
 *
 * @param apis one outcome per API, in the order of the request (gateway APIs, then files)
 */
public record GenerationResult(List<ApiOutcome> apis) {
    public GenerationResult {
        apis = List.copyOf(apis);
    }

    /** How many APIs were generated (not up to date). */
    public long generated() {
        return apis.stream().filter(a -> a.outcome() == Outcome.GENERATED).count();
    }

    /** Whether an API's sources were written this time. */
    public enum Outcome {
        /** Written: the document (or the generator) changed, or nothing was there. */
        GENERATED,
        /** Left as they were: generated before from a document with the same hash. */
        UP_TO_DATE
    }

    /**
     * One API's outcome.
     *
     * @param api         the API id
     * @param javaPackage the package its client is in
     * @param outcome     generated or up to date
     * @param fromCache   whether the document was the cached one (the gateway was unreachable)
     * @param notes       what was changed in the document so that it generates (see docs/codegen.md)
     */
    public record ApiOutcome(String api, String javaPackage, Outcome outcome, boolean fromCache, List<String> notes) {
        public ApiOutcome {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(javaPackage, "javaPackage");
            Objects.requireNonNull(outcome, "outcome");
            notes = List.copyOf(notes);
        }
    }
}
