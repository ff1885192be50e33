package dev.turnpike.gateway.config;

/**
 * Limits of composite endpoints and batch calls (docs/composites.md).
 *
 * @param batchMaxItems    the most items one {@code POST /_turnpike/batch} may carry (default 20)
 * @param batchConcurrency how many items of one batch run at once (default 8)
 * @param partBodyLimit    bytes of one part's (or batch item's) upstream body the gateway reads; a larger body fails
 *                         the part with 502 (default 1 MiB)
 */
public record FanoutSettings(int batchMaxItems, int batchConcurrency, long partBodyLimit) {
    /** The defaults: 20 items, 8 at once, 1 MiB per part. */
    public static final FanoutSettings DEFAULTS = new FanoutSettings(20, 8, 1024 * 1024);

    public FanoutSettings {
        if (batchMaxItems < 1 || batchMaxItems > 1000) {
            throw new IllegalArgumentException("batchMaxItems: " + batchMaxItems + " (expected: 1..1000)");
        }
        if (batchConcurrency < 1 || batchConcurrency > 1000) {
            throw new IllegalArgumentException("batchConcurrency: " + batchConcurrency + " (expected: 1..1000)");
        }
        if (partBodyLimit < 1) {
            throw new IllegalArgumentException("partBodyLimit: " + partBodyLimit + " (expected: > 0)");
        }
    }
}
