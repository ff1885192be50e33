package dev.turnpike.throttling;

/**
 * What a limit counts: the calls of one consumer to one API, or all calls to one API
 * (a provider-protection limit, see {@link #forApi(String)}).
 *
 * <p>Equal keys share one bucket, one daily quota and, in cluster mode, one Redis entry. Ids are the
 * catalog's ids (slugs); they must not contain {@code '{'}, {@code '}'} or {@code '|'}, which the Redis key
 * layout reserves.
 *
 * <p>Immutable and thread-safe.
 *
 * @param api      the API id, not blank
 * @param consumer the consumer id, not blank; {@value #ALL_CONSUMERS} for the API-wide key
 */
public record ThrottleKey(String api, String consumer) {

    /** The consumer part of an API-wide key: every consumer's calls to the API count together. */
    public static final String ALL_CONSUMERS = "*";

    public ThrottleKey {
        requireId("api", api);
        requireId("consumer", consumer);
    }

    /** The key of {@code consumer}'s calls to {@code api}. */
    public static ThrottleKey of(String consumer, String api) {
        return new ThrottleKey(api, consumer);
    }

    /** The key of all calls to {@code api}, whoever makes them: protects a provider from a stampede. */
    public static ThrottleKey forApi(String api) {
        return new ThrottleKey(api, ALL_CONSUMERS);
    }

    /** Whether this key counts every consumer of the API together. */
    public boolean isApiWide() {
        return ALL_CONSUMERS.equals(consumer);
    }

    private static void requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "null" : "'" + value + "'")
                    + " (expected: a non-blank id)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{' || c == '}' || c == '|') {
                throw new IllegalArgumentException(field + ": '" + value
                        + "' (expected: an id without '{', '}' or '|')");
            }
        }
    }
}
